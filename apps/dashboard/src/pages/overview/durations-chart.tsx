import type { TypeDurations } from '@jobs/contracts';
import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import { formatDuration } from '../../format/format.js';
import { themedAxis } from './chart-theme.js';
import { barPlacement, durationColumns, PERCENTILE_SERIES } from './chart-data.js';
import { DurationsTable } from './durations-table.js';
import { type ChartOptions, UplotChart } from './uplot-chart.js';

/** Bars grouped by type: each percentile's bar placed beside the others within its type's slot (x units). */
function groupedBars(position: number): uPlot.Series.PathBuilder | undefined {
  const { offset, width } = barPlacement(position, PERCENTILE_SERIES.length);
  return uPlot.paths.bars?.({
    disp: {
      x0: { unit: 1, values: (chart) => (chart.data[0] as number[]).map((x) => x + offset) },
      size: { unit: 1, values: () => [width] },
    },
  });
}

function durationOptions(types: readonly string[]): ChartOptions {
  const typeAt = (index: number) => types[index] ?? '';
  return (theme) => ({
    series: [
      {},
      ...PERCENTILE_SERIES.map((series, position) => {
        const bars = groupedBars(position);
        return {
          label: series.label,
          stroke: theme.color(series.color),
          fill: theme.color(series.color),
          width: 0,
          ...(bars ? { paths: bars } : {}),
          points: { show: false },
        };
      }),
    ],
    scales: {
      x: { time: false, range: (): uPlot.Range.MinMax => [-0.5, types.length - 0.5] },
      y: { range: (_: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      themedAxis(theme, { splits: () => types.map((_, index) => index), values: (_: uPlot, splits: number[]) => splits.map(typeAt), grid: { show: false } }),
      themedAxis(theme, { values: (_: uPlot, splits: number[]) => splits.map((split) => formatDuration(split)), size: 70 }),
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: false },
  });
}

/** How long each type's jobs completed in the range ran: p50, p90 and p99 as grouped bars, and as a table. */
export function DurationsChart(props: { durations: readonly TypeDurations[]; rangeLabel: string }) {
  const { durations, rangeLabel } = props;
  const typesKey = durations.map((entry) => entry.type).join('\n');
  // Drawn again when the types change, not on every poll.
  const options = useMemo(() => durationOptions(durations.map((entry) => entry.type)), [typesKey]);
  const data = useMemo(() => durationColumns(durations), [durations]);
  return (
    <figure class="chart" aria-labelledby="durations-caption">
      <figcaption id="durations-caption">Duration percentiles by type</figcaption>
      {durations.length === 0 ? (
        <p class="chart-summary">{rangeLabel}: no job completed, so there are no durations.</p>
      ) : (
        <>
          <p class="chart-summary">
            {rangeLabel}: how long completed jobs ran, by type (p50, p90 and p99 of {durations.length} {durations.length === 1 ? 'type' : 'types'}).
          </p>
          <UplotChart options={options} data={data} height={240} />
          <details class="chart-data">
            <summary>Data table</summary>
            <DurationsTable durations={durations} />
          </details>
        </>
      )}
    </figure>
  );
}
