import { JobStatus, type JobTypeInfo } from '@jobs/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { instantToLocalInput, localInputToInstant } from './instant-input.js';
import { hasFilters, type JobsListState, PAGE_SIZES, withFilters, withoutFilters } from './jobs-list-state.js';
import { MultiSelect, type MultiSelectOption } from './multi-select.js';

/** Typing pauses this long before the search is sent. */
const SEARCH_DEBOUNCE_MS = 350;

const STATUS_OPTIONS: MultiSelectOption[] = Object.values(JobStatus).map((status) => ({ value: status, label: status }));

type InstantField = 'createdFrom' | 'createdTo' | 'finishedFrom' | 'finishedTo';
const DATE_FIELDS: { field: InstantField; label: string }[] = [
  { field: 'createdFrom', label: 'Created from' },
  { field: 'createdTo', label: 'Created before' },
  { field: 'finishedFrom', label: 'Finished from' },
  { field: 'finishedTo', label: 'Finished before' },
];

/** The registered names, plus any the URL names that are not (still shown, so they can be unticked). */
function optionsOf(known: readonly string[], chosen: readonly string[]): MultiSelectOption[] {
  return [...new Set([...known, ...chosen])].sort().map((value) => ({ value, label: value }));
}

/** Comma-separated error codes as typed, each once. */
function errorCodesOf(text: string): string[] {
  return [...new Set(text.split(',').map((code) => code.trim()).filter((code) => code.length > 0))];
}

/** Every filter of `GET /v1/jobs`, and the page size; each change becomes a new URL. */
export function JobsFilters(props: { state: JobsListState; jobTypes: readonly JobTypeInfo[] | null; onChange(next: JobsListState): void }) {
  const { state, jobTypes, onChange } = props;
  const typeOptions = optionsOf(jobTypes?.map((type) => type.name) ?? [], state.type);
  const resultTypeOptions = optionsOf(jobTypes?.map((type) => type.resultType) ?? [], state.resultType);
  const pageSizes = [...new Set<number>([...PAGE_SIZES, state.limit])].sort((a, b) => a - b);

  return (
    <form class="jobs-filters" role="search" aria-label="Filter jobs" onSubmit={(event) => event.preventDefault()}>
      <SearchField value={state.q} onSearch={(q) => onChange(withFilters(state, { q }))} />
      <div class="filter-choices">
        <MultiSelect label="Status" options={STATUS_OPTIONS} selected={state.status} onChange={(values) => onChange(withFilters(state, { status: values as JobStatus[] }))} />
        <MultiSelect label="Type" options={typeOptions} selected={state.type} onChange={(type) => onChange(withFilters(state, { type }))} />
        <MultiSelect label="Result type" options={resultTypeOptions} selected={state.resultType} onChange={(resultType) => onChange(withFilters(state, { resultType }))} />
        <label class="field">
          <span>Error code</span>
          <input
            type="text"
            name="errorCode"
            placeholder="e.g. Timeout, WorkerLost"
            value={state.errorCode.join(', ')}
            onChange={(event) => onChange(withFilters(state, { errorCode: errorCodesOf(event.currentTarget.value) }))}
          />
        </label>
      </div>
      <div class="filter-dates">
        {DATE_FIELDS.map(({ field, label }) => (
          <label key={field} class="field">
            <span>{label}</span>
            <input
              type="datetime-local"
              name={field}
              value={instantToLocalInput(state[field])}
              onChange={(event) => onChange(withFilters(state, { [field]: localInputToInstant(event.currentTarget.value) }))}
            />
          </label>
        ))}
      </div>
      <div class="filter-end">
        <label class="field">
          <span>Per page</span>
          <select name="limit" value={String(state.limit)} onChange={(event) => onChange(withFilters(state, { limit: Number(event.currentTarget.value) }))}>
            {pageSizes.map((size) => (
              <option key={size} value={String(size)}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="secondary" disabled={!hasFilters(state)} onClick={() => onChange(withoutFilters(state))}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

/**
 * The text search, sent once typing pauses (or on Enter). A value the URL changes from elsewhere
 * (back, clear filters) replaces what is typed; one this field sent does not, so typing on is not undone.
 */
function SearchField(props: { value: string; onSearch(q: string): void }) {
  const [text, setText] = useState(props.value);
  const sent = useRef(props.value);
  const onSearch = useRef(props.onSearch);
  onSearch.current = props.onSearch;

  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(props.value);
    }
  }, [props.value]);

  const send = (value: string) => {
    const q = value.trim();
    if (q === sent.current) return;
    sent.current = q;
    onSearch.current(q);
  };

  useEffect(() => {
    const timer = setTimeout(() => send(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <label class="field search-field">
      <span>Search</span>
      <input
        type="search"
        name="q"
        maxLength={200}
        placeholder="Type or metadata"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') send(event.currentTarget.value);
        }}
      />
    </label>
  );
}
