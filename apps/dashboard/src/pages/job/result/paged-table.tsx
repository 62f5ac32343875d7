import type { RowData } from '@tanstack/preact-table';
import type { ResultTable } from './use-result-table.js';

/** A result table's current page, with its header and a pager; it scrolls sideways on a narrow screen. */
export function PagedTable<Data extends RowData>(props: { table: ResultTable<Data>; caption: string; className?: string }) {
  const { table } = props;
  const { pageIndex, pageSize } = table.state.pagination;
  const matching = table.getFilteredRowModel().rows.length;
  const first = matching === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(matching, (pageIndex + 1) * pageSize);
  return (
    <div class="paged-table">
      <div class="table-scroll">
        <table class={props.className}>
          <caption class="visually-hidden">{props.caption}</caption>
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
              <tr key={row.id}>
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
      <nav class="pager" aria-label={`Pages of ${props.caption}`}>
        <span class="pager-range" role="status">
          {matching === 0 ? 'No rows match.' : `Rows ${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${matching.toLocaleString('en')}`}
        </span>
        <button type="button" class="secondary" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
          First
        </button>
        <button type="button" class="secondary" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
          Previous
        </button>
        <button type="button" class="secondary" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
          Next
        </button>
        <button type="button" class="secondary" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()}>
          Last
        </button>
      </nav>
    </div>
  );
}
