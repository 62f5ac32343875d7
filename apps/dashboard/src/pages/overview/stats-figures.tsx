import type { JobStatsResponse } from '@jobs/contracts';
import type { ComponentChildren } from 'preact';
import { formatDuration } from '../../format/format.js';
import { formatCount } from '../../format/format-count.js';
import { STATUS_LABELS, STATUSES_IN_ORDER } from './stats-rows.js';

/** One labelled figure; `value` is the machine-readable number behind the text (counts, milliseconds). */
function Figure(props: { label: string; value: number | null; tone?: string; children: ComponentChildren }) {
  return (
    <div class={`figure${props.tone ? ` figure-${props.tone}` : ''}`}>
      <dt>{props.label}</dt>
      <dd>{props.value === null ? props.children : <data value={String(props.value)}>{props.children}</data>}</dd>
    </div>
  );
}

/** The stats route's headline figures: jobs by status, and the last day's completed work and the queue's wait. */
export function StatsFigures(props: { stats: JobStatsResponse }) {
  const { stats } = props;
  const { count, meanMs, p95Ms } = stats.completedLast24h;
  return (
    <>
      <dl class="figures" aria-label="Jobs by status">
        <Figure label="All jobs" value={stats.total}>
          {formatCount(stats.total)}
        </Figure>
        {STATUSES_IN_ORDER.map((status) => (
          <Figure key={status} label={STATUS_LABELS[status]} value={stats.byStatus[status]} tone={status.toLowerCase()}>
            {formatCount(stats.byStatus[status])}
          </Figure>
        ))}
      </dl>
      <dl class="figures" aria-label="Recent work">
        <Figure label="Completed in the last 24 h" value={count}>
          {formatCount(count)}
        </Figure>
        <Figure label="Mean duration (24 h)" value={meanMs}>
          {formatDuration(meanMs)}
        </Figure>
        <Figure label="95th percentile duration (24 h)" value={p95Ms}>
          {formatDuration(p95Ms)}
        </Figure>
        <Figure label="Oldest pending job waiting" value={stats.oldestPendingAgeMs}>
          {stats.oldestPendingAgeMs === null ? 'none' : formatDuration(stats.oldestPendingAgeMs)}
        </Figure>
      </dl>
    </>
  );
}
