import type { JobProgress } from '@jobs/contracts';

/** A job's progress: a bar when a percentage is known, the count otherwise; its message as text. */
export function ProgressBar(props: { progress: JobProgress | null; label: string }) {
  const { progress } = props;
  if (!progress) return <span class="muted">—</span>;
  const text = progress.percentage !== null ? `${Math.round(progress.percentage)}%` : `${progress.current}${progress.total !== null ? ` / ${progress.total}` : ''}`;
  return (
    <span class="progress" title={progress.message ?? undefined}>
      {progress.percentage !== null ? (
        <progress max={100} value={progress.percentage} aria-label={`${props.label}: ${text}`} />
      ) : null}
      <span class="progress-text">{text}</span>
    </span>
  );
}
