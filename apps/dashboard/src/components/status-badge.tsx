import type { JobStatus } from '@jobs/contracts';

export function StatusBadge(props: { status: JobStatus }) {
  return <span class={`status status-${props.status.toLowerCase()}`}>{props.status}</span>;
}
