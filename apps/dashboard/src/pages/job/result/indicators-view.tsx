import type { Indicator, IndicatorsResult } from '@jobs/contracts';
import { createColumnHelper } from '@tanstack/preact-table';
import { useMemo } from 'preact/hooks';
import { INDICATOR_KIND_LABELS, indicatorKindCounts, sortedIndicators } from './indicators.js';
import { PagedTable } from './paged-table.js';
import type { ResultTableFeatures } from './result-table-features.js';
import { FilterSearch, FilterSelect } from './table-filters.js';
import { useResultTable } from './use-result-table.js';

const column = createColumnHelper<ResultTableFeatures, Indicator>();
const COLUMNS = column.columns([
  column.accessor('kind', { header: 'Kind', filterFn: 'equalsString', cell: (info) => INDICATOR_KIND_LABELS[info.getValue()] ?? info.getValue() }),
  column.accessor('value', { header: 'Value', filterFn: 'includesString', cell: (info) => <span class="cell-text">{info.getValue()}</span> }),
  column.accessor('occurrences', { header: 'Occurrences' }),
]);

/** `indicators`: how many of each kind, and the indicators grouped by kind, filterable by kind and text. */
export function IndicatorsView(props: { result: IndicatorsResult }) {
  const { result } = props;
  const data = useMemo(() => sortedIndicators(result.indicators), [result]);
  const table = useResultTable(data, COLUMNS);
  const kinds = indicatorKindCounts(result);
  const kindFilter = (table.getColumn('kind')?.getFilterValue() as string | undefined) ?? '';
  const search = (table.getColumn('value')?.getFilterValue() as string | undefined) ?? '';

  return (
    <div class="typed-result indicators-result">
      <p>
        <strong>{result.total.toLocaleString('en')}</strong> indicator{result.total === 1 ? '' : 's'} found.
      </p>
      {kinds.length > 0 ? (
        <ul class="kind-counts" aria-label="Indicators by kind">
          {kinds.map(({ kind, count }) => (
            <li key={kind}>
              {INDICATOR_KIND_LABELS[kind]}: <strong>{count.toLocaleString('en')}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      {result.indicators.length > 0 ? (
        <>
          <div class="table-filters">
            <FilterSelect
              label="Kind"
              value={kindFilter}
              options={[{ value: '', label: 'All kinds' }, ...kinds.map(({ kind, count }) => ({ value: kind, label: `${INDICATOR_KIND_LABELS[kind]} (${count.toLocaleString('en')})` }))]}
              onChange={(value) => table.getColumn('kind')?.setFilterValue(value || undefined)}
            />
            <FilterSearch label="Value contains" value={search} onInput={(value) => table.getColumn('value')?.setFilterValue(value || undefined)} />
          </div>
          <PagedTable table={table} caption="Indicators" className="indicators-table" />
        </>
      ) : null}
    </div>
  );
}
