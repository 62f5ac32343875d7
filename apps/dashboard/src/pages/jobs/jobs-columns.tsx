import type { JobSummary } from '@jobs/contracts';
import { createColumnHelper, tableFeatures } from '@tanstack/preact-table';
import { ProgressBar } from '../../components/progress-bar.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDuration, formatInstant } from '../../format/format.js';
import { PATHS } from '../../paths.js';

export const jobsTableFeatures = tableFeatures({});
const column = createColumnHelper<typeof jobsTableFeatures, JobSummary>();

/** The jobs table's columns; every value renders as text. */
export const JOBS_COLUMNS = column.columns([
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor('type', { header: 'Type' }),
  column.accessor('id', {
    header: 'Job',
    cell: (info) => (
      <a href={PATHS.job(info.getValue())} class="job-id">
        {info.getValue().slice(0, 8)}
      </a>
    ),
  }),
  column.accessor('createdAt', { header: 'Created', cell: (info) => formatInstant(info.getValue()) }),
  column.accessor('durationMs', { header: 'Duration', cell: (info) => formatDuration(info.getValue()) }),
  column.accessor('progress', { header: 'Progress', cell: (info) => <ProgressBar progress={info.getValue()} label={`Progress of ${info.row.original.id}`} /> }),
  column.accessor('metadata', {
    header: 'Labels',
    cell: (info) => (
      <span class="labels">
        {Object.entries(info.getValue()).map(([key, value]) => (
          <span class="label" key={key}>
            {key}={String(value)}
          </span>
        ))}
      </span>
    ),
  }),
]);
