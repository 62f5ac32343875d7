import type { TimelineBucket, TimelinePoint } from '@jobs/contracts';
import '../../components/data-table.css';
import { formatCount } from '../../format/format-count.js';
import { bucketLabel, busyPoints, TIMELINE_SERIES } from './chart-data.js';

/** The timeline chart's data: each bucket with jobs in it, by its start. */
export function TimelineTable(props: { points: readonly TimelinePoint[]; bucket: TimelineBucket }) {
  const rows = busyPoints(props.points);
  if (rows.length === 0) return <p class="muted">No job was created or finished in this range.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table timeline-table">
        <caption>Jobs per {props.bucket}, buckets without jobs left out</caption>
        <thead>
          <tr>
            <th scope="col">{props.bucket === 'day' ? 'Day' : 'From'}</th>
            {TIMELINE_SERIES.map((series) => (
              <th key={series.key} scope="col" class="num">
                {series.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((point) => (
            <tr key={point.at}>
              <th scope="row">
                <time dateTime={point.at}>{bucketLabel(point.at, props.bucket)}</time>
              </th>
              {TIMELINE_SERIES.map((series) => (
                <td key={series.key} class="num">
                  {formatCount(point[series.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
