import { useMemo, useState } from 'preact/hooks';
import { clipText, JSON_BLOCK_LIMIT, prettyJson } from './json-text.js';

/** A value as indented JSON in a scrollable <pre>: always text (user data is never HTML); very long ones clipped until asked for. */
export function JsonBlock(props: { value: unknown; label: string }) {
  const text = useMemo(() => prettyJson(props.value), [props.value]);
  const [whole, setWhole] = useState(false);
  const { shown, hidden } = whole ? { shown: text, hidden: 0 } : clipText(text, JSON_BLOCK_LIMIT);
  return (
    <>
      {/* Focusable so that keyboard users can scroll it. */}
      <pre class="json-block" tabIndex={0} role="region" aria-label={props.label}>
        {shown}
      </pre>
      {hidden > 0 ? (
        <p class="muted">
          {hidden.toLocaleString('en')} more characters not shown.{' '}
          <button type="button" class="secondary" onClick={() => setWhole(true)}>
            Show all
          </button>
        </p>
      ) : null}
    </>
  );
}
