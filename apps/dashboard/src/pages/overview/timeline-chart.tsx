import type { JobStatsTimelineResponse } from '@jobs/contracts';
import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import { formatCount } from '../../format/format-count.js';
import { COUNT_INCREMENTS, themedAxis } from './chart-theme.js';
import { TIMELINE_SERIES, timelineColumns, timelineTotals } from './chart-data.js';
import { TimelineTable } from './timeline-table.js';
import { type ChartOptions, UplotChart } from './uplot-chart.js';

// A bucket's count holds for the whole bucket: steps from each bucket's start to the next.
const steps = uPlot.paths.stepped?.({ align: 1 });

const timelineOptions: ChartOptions = (theme) => ({
  series: [
    {},
    ...TIMELINE_SERIES.map((series) => ({
      label: series.label,
      stroke: theme.color(series.color),
      width: 2,
      ...(steps ? { paths: steps } : {}),
      points: { show: false },
    })),
  ],
  scales: { y: { range: (_: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, Math.max(1, Math.ceil(max * 1.1))] } },
  axes: [
    themedAxis(theme),
    themedAxis(theme, { incrs: COUNT_INCREMENTS, values: (_: uPlot, splits: number[]) => splits.map((split) => formatCount(split)), size: 50 }),
  ],
  cursor: { drag: { x: false, y: false } },
  legend: { live: false },
});

/** Jobs created, completed, failed and cancelled per bucket: a chart, a sentence of totals, and the busy buckets as a table. */
export function TimelineChart(props: { timeline: JobStatsTimelineResponse; rangeLabel: string; per: string }) {
  const { timeline, rangeLabel, per } = props;
  const data = useMemo(() => timelineColumns(timeline.points, timeline.to), [timeline]);
  const totals = timelineTotals(timeline.points);
  return (
    <figure class="chart" aria-labelledby="timeline-caption">
      <figcaption id="timeline-caption">Jobs created and finished over time</figcaption>
      <p class="chart-summary">
        {rangeLabel}, {per}: {TIMELINE_SERIES.map((series) => `${formatCount(totals[series.key])} ${series.label.toLowerCase()}`).join(', ')}.
      </p>
      <UplotChart options={timelineOptions} data={data} height={240} />
      <details class="chart-data">
        <summary>Data table</summary>
        <TimelineTable points={timeline.points} bucket={timeline.bucket} />
      </details>
    </figure>
  );
}
