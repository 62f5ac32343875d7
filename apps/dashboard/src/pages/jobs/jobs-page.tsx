import { useTable } from '@tanstack/preact-table';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApiData } from '../../api/use-api-data.js';
import { useViewScope } from '../../view/use-view-scope.js';
import { JOBS_COLUMNS, jobsTableFeatures } from './jobs-columns.js';

export function JobsPage() {
  const { query } = useViewScope();
  const page = useApiData((client, signal) => client.listPage({ ...query, limit: 50 }, { signal }), JSON.stringify(query));
  const table = useTable({ features: jobsTableFeatures, columns: JOBS_COLUMNS, data: page.data?.data ?? [], getRowId: (job) => job.id });

  return (
    <section>
      <h1>Jobs</h1>
      <ProblemMessage error={page.error} prefix="Could not list the jobs:" />
      <div class="table-scroll">
        <table class="jobs-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    <table.FlexRender header={header} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-job-id={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.data && page.data.data.length === 0 ? <p class="muted">No jobs yet.</p> : null}
    </section>
  );
}
