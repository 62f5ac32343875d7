import { Fragment } from 'preact';
import { JsonBlock } from '../json-block.js';
import { keyValueRows } from './key-values.js';

/** Any other result: its fields and values as text (nested ones as JSON), or the whole as JSON if it is no object. */
export function KeyValueView(props: { data: unknown }) {
  const rows = keyValueRows(props.data);
  if (rows === null) return <JsonBlock value={props.data} label="The result as JSON" />;
  if (rows.length === 0) return <p class="muted">The result is an empty object.</p>;
  return (
    <dl class="field-list key-values">
      {rows.map((row) => (
        <Fragment key={row.key}>
          <dt>{row.key}</dt>
          <dd>{row.structured ? <pre class="json-block">{row.text}</pre> : <span class="wrap">{row.text}</span>}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
