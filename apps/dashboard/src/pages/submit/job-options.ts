import type { CreateJobRequest } from '@jobs/contracts';
import { type FieldProblem, isPlainObject } from './payload-values.js';

/** A metadata label as edited: key and value as typed. */
export interface MetadataRow {
  key: string;
  value: string;
}

/** When the job runs: at once, after `delaySeconds`, or at `runAt`. */
export type Schedule = 'now' | 'delay' | 'at';

/** The request's common fields as the Options section edits them (all text; empty means the API's default). */
export interface JobOptionValues {
  priority: string;
  maxAttempts: string;
  timeoutSeconds: string;
  schedule: Schedule;
  delaySeconds: string;
  /** A `datetime-local` value: the browser's local time. */
  runAt: string;
  metadata: MetadataRow[];
  webhookUrl: string;
  webhookSecret: string;
}

export type RequestOptions = Omit<CreateJobRequest, 'type' | 'payload'>;

export const EMPTY_OPTIONS: JobOptionValues = {
  priority: '',
  maxAttempts: '',
  timeoutSeconds: '',
  schedule: 'now',
  delaySeconds: '',
  runAt: '',
  metadata: [],
  webhookUrl: '',
  webhookSecret: '',
};

/** Where the API reports errors of the options the section shows for a schedule (the other schedule's field is hidden). */
export function optionPaths(schedule: Schedule): string[] {
  return [
    'priority',
    'maxAttempts',
    'timeoutSeconds',
    ...(schedule === 'delay' ? ['delaySeconds'] : schedule === 'at' ? ['runAt'] : []),
    'metadata',
    'webhook',
    'webhook.url',
    'webhook.secret',
  ];
}

/** The request fields the options stand for, in the order the API documents them; empty ones left out. */
export function requestOptionsOf(values: JobOptionValues): { options: RequestOptions; problems: FieldProblem[] } {
  const options: RequestOptions = {};
  const problems: FieldProblem[] = [];
  const integer = (field: 'priority' | 'delaySeconds' | 'maxAttempts' | 'timeoutSeconds', raw: string): void => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (/^[+-]?\d+$/.test(trimmed)) options[field] = Number(trimmed);
    else problems.push({ kind: 'invalid', field, message: `${field} must be an integer` });
  };

  integer('priority', values.priority);
  if (values.schedule === 'at') {
    if (values.runAt.trim() === '') problems.push({ kind: 'missing', field: 'runAt', message: 'runAt is required to run at a given time' });
    else {
      const instant = isoFromLocalDateTime(values.runAt.trim());
      if (instant === null) problems.push({ kind: 'invalid', field: 'runAt', message: 'runAt must be a date and time' });
      else options.runAt = instant;
    }
  }
  if (values.schedule === 'delay') {
    if (values.delaySeconds.trim() === '') problems.push({ kind: 'missing', field: 'delaySeconds', message: 'delaySeconds is required to run after a delay' });
    else integer('delaySeconds', values.delaySeconds);
  }
  integer('maxAttempts', values.maxAttempts);
  integer('timeoutSeconds', values.timeoutSeconds);

  const labels = values.metadata.filter((row) => row.key !== '' || row.value !== '');
  if (labels.length > 0) {
    const repeated = labels.find((row, index) => labels.findIndex((other) => other.key === row.key) !== index);
    if (repeated) problems.push({ kind: 'invalid', field: 'metadata', message: `metadata has the key "${repeated.key}" more than once` });
    // Object.fromEntries defines every key as the object's own, `__proto__` included.
    else options.metadata = Object.fromEntries(labels.map((row) => [row.key, row.value]));
  }

  if (values.webhookUrl !== '' || values.webhookSecret !== '') {
    options.webhook = { url: values.webhookUrl, ...(values.webhookSecret === '' ? {} : { secret: values.webhookSecret }) };
  }
  return { options, problems };
}

/** The options a request body's common fields stand for, as closely as the Options section can hold them. */
export function optionValuesOf(body: Record<string, unknown>): JobOptionValues {
  const runAt = typeof body['runAt'] === 'string' ? localDateTimeFromIso(body['runAt']) : null;
  const webhook = isPlainObject(body['webhook']) ? body['webhook'] : {};
  return {
    priority: textOf(body['priority']),
    maxAttempts: textOf(body['maxAttempts']),
    timeoutSeconds: textOf(body['timeoutSeconds']),
    schedule: body['runAt'] !== undefined ? 'at' : body['delaySeconds'] !== undefined ? 'delay' : 'now',
    delaySeconds: textOf(body['delaySeconds']),
    runAt: runAt ?? textOf(body['runAt']),
    metadata: isPlainObject(body['metadata']) ? Object.entries(body['metadata']).map(([key, value]) => ({ key, value: textOf(value) })) : [],
    webhookUrl: textOf(webhook['url']),
    webhookSecret: textOf(webhook['secret']),
  };
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** A `datetime-local` value (the browser's time zone) as an ISO instant, or null when it is none. */
export function isoFromLocalDateTime(local: string): string | null {
  if (!LOCAL_DATE_TIME.test(local)) return null;
  // A date-time without an offset is local time (ECMAScript's Date parsing).
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as a `datetime-local` value to the second (the millisecond when it has one), or null when it is no instant. */
export function localDateTimeFromIso(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const seconds = `${pad(date.getSeconds())}${date.getMilliseconds() === 0 ? '' : `.${pad(date.getMilliseconds(), 3)}`}`;
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${seconds}`;
}

function textOf(value: unknown): string {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}
