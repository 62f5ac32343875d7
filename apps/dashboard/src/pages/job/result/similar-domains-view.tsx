import type { DomainVariant, SimilarDomainsResult } from '@jobs/contracts';
import { createColumnHelper } from '@tanstack/preact-table';
import { useMemo } from 'preact/hooks';
import { PagedTable } from './paged-table.js';
import type { ResultTableFeatures } from './result-table-features.js';
import { fuzzerSummaries, similarDomainsTotals } from './similar-domains.js';
import { FilterSearch, FilterSelect } from './table-filters.js';
import { useResultTable } from './use-result-table.js';

const column = createColumnHelper<ResultTableFeatures, DomainVariant>();
const COLUMNS = column.columns([
  column.accessor('fuzzer', { header: 'Fuzzer', filterFn: 'equalsString' }),
  column.accessor('domain', { header: 'Domain', filterFn: 'includesString' }),
  column.accessor('punycode', { header: 'Punycode (DNS)', cell: (info) => <code>{info.getValue()}</code> }),
]);

/** `similar-domains`: totals, the count per fuzzer (and which were stopped early), and the variants a page at a time, filterable by fuzzer. */
export function SimilarDomainsView(props: { result: SimilarDomainsResult }) {
  const { result } = props;
  const table = useResultTable(result.variants, COLUMNS);
  const fuzzers = useMemo(() => fuzzerSummaries(result), [result]);
  const fuzzerFilter = (table.getColumn('fuzzer')?.getFilterValue() as string | undefined) ?? '';
  const search = (table.getColumn('domain')?.getFilterValue() as string | undefined) ?? '';

  return (
    <div class="typed-result similar-domains-result">
      <p>
        Look-alikes of <strong class="wrap">{result.domain}</strong>: <span class="similar-totals">{similarDomainsTotals(result)}</span>.
      </p>
      {result.truncatedFuzzers.length > 0 ? (
        <p class="notice" role="note">
          Stopped at their candidate bound, so their counts are lower bounds: <strong>{result.truncatedFuzzers.join(', ')}</strong>.
        </p>
      ) : null}
      <details class="fuzzer-counts">
        <summary>Variants per fuzzer</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Fuzzer</th>
                <th scope="col">Made</th>
                <th scope="col">Listed</th>
              </tr>
            </thead>
            <tbody>
              {fuzzers.map((summary) => (
                <tr key={summary.fuzzer}>
                  <td>{summary.fuzzer}</td>
                  <td>
                    {summary.made.toLocaleString('en')}
                    {summary.truncated ? '+ (stopped early)' : ''}
                  </td>
                  <td>{summary.listed.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {result.variants.length > 0 ? (
        <>
          <div class="table-filters">
            <FilterSelect
              label="Fuzzer"
              value={fuzzerFilter}
              options={[
                { value: '', label: 'All fuzzers' },
                ...fuzzers.filter((summary) => summary.listed > 0).map((summary) => ({ value: summary.fuzzer, label: `${summary.fuzzer} (${summary.listed.toLocaleString('en')})` })),
              ]}
              onChange={(value) => table.getColumn('fuzzer')?.setFilterValue(value || undefined)}
            />
            <FilterSearch label="Domain contains" value={search} onInput={(value) => table.getColumn('domain')?.setFilterValue(value || undefined)} />
          </div>
          <PagedTable table={table} caption="Similar domains" className="similar-domains-table" />
        </>
      ) : null}
    </div>
  );
}
