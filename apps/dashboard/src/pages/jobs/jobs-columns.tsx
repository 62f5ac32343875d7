import type { JobSummary } from '@jobs/contracts';
import { createColumnHelper, rowSelectionFeature, rowSortingFeature, tableFeatures } from '@tanstack/preact-table';
import { ProgressBar } from '../../components/progress-bar.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDuration, formatInstant } from '../../format/format.js';
import { PATHS } from '../../paths.js';
import { compactInstant } from './compact-instant.js';
import { IndeterminateCheckbox } from './indeterminate-checkbox.js';

/** Sorting is the API's (manual): the table only shows and changes the sort state. Selection is by job id. */
export const jobsTableFeatures = tableFeatures({ rowSortingFeature, rowSelectionFeature });
const column = createColumnHelper<typeof jobsTableFeatures, JobSummary>();

function Instant(props: { value: string | null }) {
  if (props.value === null) return <span class="muted">—</span>;
  return (
    <time dateTime={props.value} title={formatInstant(props.value)}>
      {compactInstant(props.value)}
    </time>
  );
}

const LEADING_COLUMNS = [
  column.display({
    id: 'select',
    enableSorting: false,
    header: ({ table }) => (
      <IndeterminateCheckbox
        label="Select all jobs on this page"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected()}
        disabled={table.getRowModel().rows.length === 0}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <IndeterminateCheckbox label={`Select job ${row.id}`} checked={row.getIsSelected()} indeterminate={false} onChange={row.getToggleSelectedHandler()} />
    ),
  }),
  column.accessor('status', {
    header: 'Status',
    enableSorting: false,
    cell: ({ row }) => {
      const job = row.original;
      return (
        <span class="status-cell">
          <StatusBadge status={job.status} />
          {job.attempts > 1 ? <span class="muted attempts">{`attempt ${job.attempts}/${job.maxAttempts}`}</span> : null}
          {job.error ? (
            <code class="error-code" title={job.error.message}>
              {job.error.code}
            </code>
          ) : null}
        </span>
      );
    },
  }),
  column.accessor('type', { header: 'Type', enableSorting: false }),
  column.accessor('id', {
    header: 'Job',
    enableSorting: false,
    cell: (info) => (
      <a href={PATHS.job(info.getValue())} class="job-id" title={info.getValue()}>
        {info.getValue().slice(0, 8)}
      </a>
    ),
  }),
  column.accessor('createdAt', { header: 'Created', cell: (info) => <Instant value={info.getValue()} /> }),
  column.accessor('updatedAt', { header: 'Updated', cell: (info) => <Instant value={info.getValue()} /> }),
  column.accessor('finishedAt', { header: 'Finished', cell: (info) => <Instant value={info.getValue()} /> }),
  column.accessor('durationMs', { header: 'Duration', enableSorting: false, cell: (info) => formatDuration(info.getValue()) }),
  column.accessor('progress', {
    header: 'Progress',
    enableSorting: false,
    cell: (info) => <ProgressBar progress={info.getValue()} label={`Progress of ${info.row.original.id}`} />,
  }),
  column.accessor('priority', { header: 'Priority' }),
] as const;

const OWNER_COLUMN = column.accessor('ownerId', { header: 'Owner', enableSorting: false, cell: (info) => <span class="owner">{info.getValue()}</span> });

/** Last, as the one column that may wrap. */
const LABELS_COLUMN = column.accessor('metadata', {
  header: 'Labels',
  enableSorting: false,
  cell: (info) => (
    <span class="labels">
      {Object.entries(info.getValue()).map(([key, value]) => (
        <span class="label" key={key}>
          {key}={String(value)}
        </span>
      ))}
    </span>
  ),
});

/** The jobs table's columns for a view of the caller's own jobs; every value renders as text. */
export const JOBS_COLUMNS = column.columns([...LEADING_COLUMNS, LABELS_COLUMN]);
/** …and for views that can hold other owners' jobs (the organisation's, everybody's). */
export const JOBS_COLUMNS_WITH_OWNER = column.columns([...LEADING_COLUMNS, OWNER_COLUMN, LABELS_COLUMN]);

export type JobsColumns = typeof JOBS_COLUMNS | typeof JOBS_COLUMNS_WITH_OWNER;
