import type { StatusCounts } from '@jobs/contracts';
import '../../components/data-table.css';
import { formatCount } from '../../format/format-count.js';
import { STATUS_LABELS, STATUSES_IN_ORDER, typeRows } from './stats-rows.js';

/** The stats route's counts per job type and status. */
export function TypesTable(props: { byType: Record<string, StatusCounts> }) {
  const rows = typeRows(props.byType);
  if (rows.length === 0) return <p class="muted">No jobs yet.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption>Jobs by type and status</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col" class="num">
              All
            </th>
            {STATUSES_IN_ORDER.map((status) => (
              <th key={status} scope="col" class="num">
                {STATUS_LABELS[status]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.type}>
              <th scope="row">{row.type}</th>
              <td class="num">{formatCount(row.total)}</td>
              {STATUSES_IN_ORDER.map((status) => (
                <td key={status} class="num">
                  {formatCount(row.byStatus[status])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
