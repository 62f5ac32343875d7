import type { SampleStrings as SampleStringsData } from '@jobs/contracts';
import { createColumnHelper } from '@tanstack/preact-table';
import { useMemo } from 'preact/hooks';
import { PagedTable } from './paged-table.js';
import type { ResultTableFeatures } from './result-table-features.js';
import { FilterSearch, FilterSelect } from './table-filters.js';
import { useResultTable } from './use-result-table.js';

interface StringRow {
  encoding: 'ASCII' | 'UTF-16LE';
  offset: number;
  value: string;
}

const column = createColumnHelper<ResultTableFeatures, StringRow>();
const COLUMNS = column.columns([
  column.accessor('encoding', { header: 'Encoding', filterFn: 'equalsString' }),
  column.accessor('offset', { header: 'Offset', cell: (info) => <code>0x{info.getValue().toString(16)}</code> }),
  column.accessor('value', { header: 'String', filterFn: 'includesString', cell: (info) => <code class="cell-text">{info.getValue()}</code> }),
]);

const ENCODING_OPTIONS = [
  { value: '', label: 'Both' },
  { value: 'ASCII', label: 'ASCII' },
  { value: 'UTF-16LE', label: 'UTF-16LE' },
];

/** The printable strings found, ASCII and UTF-16LE, with how many were found beyond those listed. */
export function SampleStrings(props: { strings: SampleStringsData }) {
  const { strings } = props;
  const rows = useMemo<StringRow[]>(
    () => [
      ...strings.ascii.map((found) => ({ encoding: 'ASCII' as const, offset: found.offset, value: found.value })),
      ...strings.utf16le.map((found) => ({ encoding: 'UTF-16LE' as const, offset: found.offset, value: found.value })),
    ],
    [strings],
  );
  const table = useResultTable(rows, COLUMNS);
  const encoding = (table.getColumn('encoding')?.getFilterValue() as string | undefined) ?? '';
  const search = (table.getColumn('value')?.getFilterValue() as string | undefined) ?? '';
  return (
    <>
      <p>
        {strings.asciiTotal.toLocaleString('en')} ASCII ({strings.ascii.length.toLocaleString('en')} listed) and {strings.utf16leTotal.toLocaleString('en')} UTF-16LE (
        {strings.utf16le.length.toLocaleString('en')} listed) strings found.
      </p>
      {rows.length > 0 ? (
        <>
          <div class="table-filters">
            <FilterSelect
              label="Encoding"
              value={encoding}
              options={ENCODING_OPTIONS}
              onChange={(value) => table.getColumn('encoding')?.setFilterValue(value || undefined)}
            />
            <FilterSearch label="String contains" value={search} onInput={(value) => table.getColumn('value')?.setFilterValue(value || undefined)} />
          </div>
          <PagedTable table={table} caption="Strings" className="strings-table" />
        </>
      ) : null}
    </>
  );
}
