import {
  type ColumnFiltersState,
  columnFilteringFeature,
  createFilteredRowModel,
  createPaginatedRowModel,
  filterFn_equalsString,
  filterFn_includesString,
  type PaginationState,
  rowPaginationFeature,
  tableFeatures,
} from '@tanstack/preact-table';

/**
 * What the result tables do in the browser: filter by a column (a kind, a fuzzer, a search) and page
 * through the rows, so that a result of 100,000 domains renders one page at a time.
 */
export const resultTableFeatures = tableFeatures({
  columnFilteringFeature,
  rowPaginationFeature,
  filteredRowModel: createFilteredRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  filterFns: { equalsString: filterFn_equalsString, includesString: filterFn_includesString },
});

export type ResultTableFeatures = typeof resultTableFeatures;

/** The slices a result table re-renders on. */
export interface ResultTableState {
  pagination: PaginationState;
  columnFilters: ColumnFiltersState;
}

export const RESULT_PAGE_SIZE = 50;
