import type { JobResponse } from '@jobs/contracts';
import { useApiData } from '../../../api/use-api-data.js';
import { ProblemMessage } from '../../../components/problem-message.js';
import { JsonBlock } from '../json-block.js';
import { CompactResult } from './compact-result.js';
import { TypedResultView } from './typed-result-view.js';
import { type Tab, Tabs } from './tabs.js';

/** The result of a completed job: the view its type has, the raw JSON, and the compact form where the type has one. */
export function ResultSection(props: { job: JobResponse }) {
  const { job } = props;
  if (job.status === 'COMPLETED' && job.resultId !== null) return <CompletedResult job={job} />;
  return <p class="muted">{job.status === 'PENDING' || job.status === 'PROCESSING' ? 'The result appears here when the job completes.' : 'The job ended without a result.'}</p>;
}

function CompletedResult(props: { job: JobResponse }) {
  const { job } = props;
  const types = useApiData((client, signal) => client.jobTypes({ signal }), 'job-types');
  const hasCompact = types.data?.data.find((type) => type.name === job.type)?.hasCompactResult ?? false;
  const tabs: Tab[] = [
    { id: 'view', label: 'Result', render: () => <TypedResultView resultType={job.resultType} data={job.result} /> },
    { id: 'json', label: 'Raw JSON', render: () => <JsonBlock value={job.result} label="The result as JSON" /> },
    ...(hasCompact ? [{ id: 'compact', label: 'Compact', render: () => <CompactResult jobId={job.id} resultId={job.resultId ?? ''} /> }] : []),
  ];
  return (
    <>
      <Tabs label="Result views" tabs={tabs} />
      <ProblemMessage error={types.error} prefix="Could not read the job types (whether this type has a compact form):" />
    </>
  );
}
