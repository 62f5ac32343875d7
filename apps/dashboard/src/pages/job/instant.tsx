import { formatInstant } from '../../format/format.js';

/** An instant in local time, its exact ISO value in `datetime` (and as a tooltip). */
export function Instant(props: { iso: string | null }) {
  if (props.iso === null) return <span class="muted">—</span>;
  return (
    <time dateTime={props.iso} title={props.iso}>
      {formatInstant(props.iso)}
    </time>
  );
}
