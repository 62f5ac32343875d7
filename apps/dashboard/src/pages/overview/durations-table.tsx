import type { TypeDurations } from '@jobs/contracts';
import '../../components/data-table.css';
import { formatDuration } from '../../format/format.js';
import { formatCount } from '../../format/format-count.js';
import { PERCENTILE_SERIES } from './chart-data.js';

/** The durations chart's data: per type, how many completed and their percentiles. */
export function DurationsTable(props: { durations: readonly TypeDurations[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table durations-table">
        <caption>Durations of completed jobs by type</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col" class="num">
              Completed
            </th>
            {PERCENTILE_SERIES.map((series) => (
              <th key={series.key} scope="col" class="num">
                {series.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.durations.map((entry) => (
            <tr key={entry.type}>
              <th scope="row">{entry.type}</th>
              <td class="num">{formatCount(entry.count)}</td>
              {PERCENTILE_SERIES.map((series) => (
                <td key={series.key} class="num">
                  <data value={String(entry[series.key])}>{formatDuration(entry[series.key])}</data>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
