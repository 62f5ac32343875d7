import { JobsApiError } from '@jobs/client';
import type { CreateJobRequest, FieldError, JobTypeInfo } from '@jobs/contracts';
import { useLocation } from 'preact-iso';
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { PATHS } from '../../paths.js';
import { holderOf, type PlacedErrors, payloadFieldPaths, placeFieldErrors } from './field-errors.js';
import { EMPTY_OPTIONS, type JobOptionValues, optionPaths } from './job-options.js';
import { type FieldValue, initialValue, isPlainObject } from './payload-values.js';
import { formOf, parseJson, requestOf } from './request-body.js';
import { type FieldSpec, payloadSpecOf } from './schema-fields.js';
import { type EditMode, keepDraft, keptDraft, type SubmitDraft } from './submit-draft.js';
import type { SubmitOutcome } from './submit-summary.js';

/** The Submit form's state and what its controls do. */
export interface SubmitFormModel {
  /** The `?type=` of the URL, when there is one. */
  requested: string | undefined;
  type: JobTypeInfo | null;
  spec: FieldSpec | null;
  values: FieldValue | null;
  options: JobOptionValues;
  mode: EditMode;
  jsonText: string;
  jsonProblem: string | null;
  idempotencyKey: string;
  optionsOpen: boolean;
  outcome: SubmitOutcome | null;
  placed: PlacedErrors;
  submitting: boolean;
  submittedJobId: string | null;
  formRef: RefObject<HTMLFormElement | null>;
  summaryRef: RefObject<HTMLDivElement | null>;
  chooseType(name: string): void;
  editValues(next: FieldValue, editedPath: string): void;
  editOptions(next: JobOptionValues, editedPath: string): void;
  editJson(text: string): void;
  setIdempotencyKey(key: string): void;
  setOptionsOpen(open: boolean): void;
  switchMode(next: EditMode): void;
  submit(event: Event): Promise<void>;
  clear(): void;
}

/**
 * Holds the form (values per job type, options, JSON text), checks it before sending, sends it through
 * the client, and places the API's field errors; on 202 it goes to the job's page, keeping the form
 * as a draft for the way back.
 */
export function useSubmitForm(types: JobTypeInfo[]): SubmitFormModel {
  const { client } = useSession();
  const location = useLocation();
  const [draft] = useState(keptDraft);
  const specs = useMemo(() => new Map(types.map((type) => [type.name, payloadSpecOf(type.payloadSchema)])), [types]);

  const requested = location.query['type'];
  const type = types.find((candidate) => candidate.name === (requested ?? draft?.type ?? types[0]?.name)) ?? null;
  const spec = type ? (specs.get(type.name) ?? null) : null;

  const [valuesByType, setValuesByType] = useState<Record<string, FieldValue>>(draft?.valuesByType ?? {});
  const [options, setOptions] = useState<JobOptionValues>(draft?.options ?? EMPTY_OPTIONS);
  const [mode, setMode] = useState<EditMode>(draft?.mode ?? 'form');
  const [jsonText, setJsonText] = useState(draft?.jsonText ?? '');
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submittedJobId, setSubmittedJobId] = useState(draft?.submittedJobId ?? null);
  const [focusRequests, setFocusRequests] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const values = spec && type ? (valuesByType[type.name] ?? initialValue(spec)) : null;
  const formPaths = ['type', ...(spec ? payloadFieldPaths(spec) : []), ...optionPaths(options.schedule)];
  const placed = placeFieldErrors(fieldErrors, mode === 'form' ? formPaths : []);

  // Left for another page, the form comes back as it was (the way to submit another job like this one).
  // While the next page loads, the router renders this one once more with the next page's URL: that
  // render no longer describes the form.
  const latest = useRef<SubmitDraft | null>(null);
  if (location.path === PATHS.submit) latest.current = { type: type?.name ?? null, valuesByType, options, mode, jsonText, submittedJobId };
  useEffect(() => () => keepDraft(latest.current), []);

  useEffect(() => {
    if (focusRequests === 0) return;
    const invalid = formRef.current?.querySelector('.field-invalid');
    (invalid?.querySelector<HTMLElement>('input, select, textarea, button') ?? summaryRef.current)?.focus();
  }, [focusRequests]);

  const showErrors = (errors: FieldError[], next: SubmitOutcome | null) => {
    setFieldErrors(errors);
    setOutcome(next);
    if (mode === 'form' && errors.some((error) => optionPaths(options.schedule).includes(holderOf(error.field, formPaths) ?? ''))) setOptionsOpen(true);
    setFocusRequests((count) => count + 1);
  };

  const clearErrorsAt = (path: string) => setFieldErrors((errors) => errors.filter((error) => holderOf(error.field, formPaths) !== path));

  const chooseType = (name: string) => {
    const query = new URLSearchParams(location.query);
    query.set('type', name);
    location.route(`${PATHS.submit}?${query.toString()}`, true);
    setFieldErrors([]);
    setOutcome(null);
  };

  const editValues = (next: FieldValue, editedPath: string) => {
    if (!type) return;
    setValuesByType((previous) => ({ ...previous, [type.name]: next }));
    clearErrorsAt(editedPath);
  };

  const editOptions = (next: JobOptionValues, editedPath: string) => {
    setOptions(next);
    clearErrorsAt(editedPath);
  };

  const switchMode = (next: EditMode) => {
    if (next === mode) return;
    if (next === 'json') {
      const request = type && spec && values !== null ? requestOf({ type: type.name, payloadSpec: spec, values, options }) : null;
      const invalid = request?.problems.filter((problem) => problem.kind === 'invalid') ?? [];
      if (invalid.length > 0) {
        showErrors(invalid, { kind: 'checked-here', message: 'Correct the marked fields to edit the request as JSON.' });
        return;
      }
      setJsonText(JSON.stringify(request?.request ?? { type: '', payload: {} }, null, 2));
      setJsonProblem(null);
      setFieldErrors([]);
      setOutcome(null);
      setMode('json');
      return;
    }
    const parsed = parseJson(jsonText);
    const form = parsed.ok ? formOf(parsed.value, (name) => specs.get(name) ?? null) : null;
    if (!form?.ok) {
      setJsonProblem(form ? form.reason : parsed.ok ? null : parsed.problem);
      setFocusRequests((count) => count + 1);
      return;
    }
    setValuesByType((previous) => ({ ...previous, [form.type]: form.values }));
    setOptions(form.options);
    setJsonProblem(null);
    setFieldErrors([]);
    setOutcome(null);
    setMode('form');
    if (form.type !== type?.name) chooseType(form.type);
  };

  /** The body to send, or null when the form's own checks (or the JSON's syntax) stop it here. */
  const bodyToSend = (): CreateJobRequest | null => {
    if (mode === 'json') {
      const parsed = parseJson(jsonText);
      const problem = !parsed.ok ? parsed.problem : isPlainObject(parsed.value) ? null : 'The request body must be a JSON object.';
      setJsonProblem(problem);
      if (problem !== null) {
        showErrors([], null);
        return null;
      }
      // Sent as written, whatever it holds: the API is the judge of a body.
      return parsed.ok ? (parsed.value as CreateJobRequest) : null;
    }
    if (!type || !spec || values === null) {
      showErrors([{ field: 'type', message: 'Choose a job type.' }], { kind: 'checked-here', message: 'Nothing was sent.' });
      return null;
    }
    const { request, problems } = requestOf({ type: type.name, payloadSpec: spec, values, options });
    if (problems.length > 0) {
      showErrors(problems, { kind: 'checked-here', message: 'Nothing was sent: some fields need a value or a correction.' });
      return null;
    }
    return request;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    const body = bodyToSend();
    if (body === null) return;
    setSubmitting(true);
    setOutcome(null);
    setFieldErrors([]);
    try {
      const key = idempotencyKey.trim();
      const accepted = await client.submit(body, key === '' ? {} : { idempotencyKey: key });
      if (latest.current) latest.current = { ...latest.current, submittedJobId: accepted.jobId };
      location.route(PATHS.job(accepted.jobId));
    } catch (error) {
      setSubmitting(false);
      showErrors(error instanceof JobsApiError ? error.errors : [], { kind: 'failed', error });
    }
  };

  const clear = () => {
    setValuesByType({});
    setOptions(EMPTY_OPTIONS);
    setMode('form');
    setJsonText('');
    setJsonProblem(null);
    setIdempotencyKey('');
    setFieldErrors([]);
    setOutcome(null);
    setSubmittedJobId(null);
  };

  const editJson = (text: string) => {
    setJsonText(text);
    setJsonProblem(null);
  };

  return {
    requested,
    type,
    spec,
    values,
    options,
    mode,
    jsonText,
    jsonProblem,
    idempotencyKey,
    optionsOpen,
    outcome,
    placed,
    submitting,
    submittedJobId,
    formRef,
    summaryRef,
    chooseType,
    editValues,
    editOptions,
    editJson,
    setIdempotencyKey,
    setOptionsOpen,
    switchMode,
    submit,
    clear,
  };
}
