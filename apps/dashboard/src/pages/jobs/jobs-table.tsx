import type { JobSortField, JobSummary, SortOrder } from '@jobs/contracts';
import { FlexRender, type RowSelectionState, type SortingState, type Updater, useTable } from '@tanstack/preact-table';
import { JobRow } from './job-row.js';
import { type JobsColumns, jobsTableFeatures } from './jobs-columns.js';

export interface JobsTableProps {
  rows: JobSummary[];
  columns: JobsColumns;
  sort: { field: JobSortField; order: SortOrder };
  onSort(field: JobSortField, order: SortOrder): void;
  selection: RowSelectionState;
  onSelectionChange(selection: RowSelectionState): void;
  /** Rows to draw as placeholders while the first page loads, so the page does not jump when it arrives. */
  placeholderRows: number;
  busy: boolean;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

function resolve<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

/** The jobs as a table: sortable headers (the API sorts), a checkbox per row, rows kept by job id. */
export function JobsTable(props: JobsTableProps) {
  const sorting: SortingState = [{ id: props.sort.field, desc: props.sort.order === 'desc' }];
  const table = useTable({
    features: jobsTableFeatures,
    columns: props.columns,
    data: props.rows,
    getRowId: (job) => job.id,
    state: { sorting, rowSelection: props.selection },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: true,
    onSortingChange: (updater) => {
      const [next] = resolve(updater, sorting);
      if (next) props.onSort(next.id as JobSortField, next.desc ? 'desc' : 'asc');
    },
    onRowSelectionChange: (updater) => props.onSelectionChange(resolve(updater, props.selection)),
  });
  const columnCount = props.columns.length;

  return (
    <div class="table-scroll" aria-busy={props.busy}>
      <table class={`jobs-table${props.busy ? ' busy' : ''}`}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" class={`cell-${header.column.id}`} aria-sort={sorted ? ARIA_SORT[sorted] : header.column.getCanSort() ? 'none' : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" class="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        <FlexRender header={header} />
                        <span class="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      <FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {props.rows.length === 0 && props.placeholderRows > 0
            ? Array.from({ length: props.placeholderRows }, (_, index) => (
                <tr key={`placeholder-${index}`} class="placeholder-row" aria-hidden="true">
                  <td colSpan={columnCount}>&nbsp;</td>
                </tr>
              ))
            : table.getRowModel().rows.map((row) => <JobRow key={row.id} row={row} selected={row.getIsSelected()} columns={props.columns} />)}
        </tbody>
      </table>
    </div>
  );
}
