import { type ColumnDef, type PreactTable, type RowData, useTable } from '@tanstack/preact-table';
import { RESULT_PAGE_SIZE, type ResultTableFeatures, type ResultTableState, resultTableFeatures } from './result-table-features.js';

export type ResultTable<Data extends RowData> = PreactTable<ResultTableFeatures, Data, ResultTableState>;

/** A filterable, paged table of a result's rows; `columns` must be module constants (new ones rebuild the table). */
export function useResultTable<Data extends RowData>(data: Data[], columns: ColumnDef<ResultTableFeatures, Data>[]): ResultTable<Data> {
  return useTable(
    { features: resultTableFeatures, columns, data, initialState: { pagination: { pageIndex: 0, pageSize: RESULT_PAGE_SIZE } } },
    (state) => ({ pagination: state.pagination, columnFilters: state.columnFilters }),
  );
}
