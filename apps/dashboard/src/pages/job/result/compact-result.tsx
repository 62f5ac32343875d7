import { useApiData } from '../../../api/use-api-data.js';
import { ProblemMessage } from '../../../components/problem-message.js';
import { JsonBlock } from '../json-block.js';

/** The result's compact form, read when its tab is first opened. */
export function CompactResult(props: { jobId: string; resultId: string }) {
  const compact = useApiData((client, signal) => client.result(props.jobId, { compact: true, signal }), props.resultId);
  if (compact.error) return <ProblemMessage error={compact.error} prefix="Could not read the compact result:" />;
  if (!compact.data) return <p class="muted">Loading the compact form…</p>;
  return (
    <>
      <p class="hint">
        What <code>GET /v1/jobs/{'{id}'}/result?compact=true</code> returns: the result without its long lists.
      </p>
      <JsonBlock value={compact.data.data} label="The compact result as JSON" />
    </>
  );
}
