import { JobsApiError } from '@jobs/client';
import type { CreateScheduleRequest, FieldError, JobTypeInfo } from '@jobs/contracts';
import { useMemo, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { FieldFrame } from '../submit/field-frame.js';
import { payloadFieldPaths, placeFieldErrors } from '../submit/field-errors.js';
import { PayloadField } from '../submit/payload-field.js';
import { type FieldValue, type FormValues, initialValue, jsonFromValue } from '../submit/payload-values.js';
import { payloadSpecOf } from '../submit/schema-fields.js';
import { TypePicker } from '../submit/type-picker.js';

const SCHEDULE_PATHS = ['name', 'cron', 'timezone', 'type'];

/** The browser's own zone, the likeliest one its user means. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A new schedule: its name, cron expression and zone, and the job it makes, whose payload fields are
 * generated from the type's JSON Schema as on the Submit page. The API's field errors go beside their fields.
 */
export function ScheduleForm(props: { types: JobTypeInfo[]; onCreated(): void }) {
  const { client } = useSession();
  const [name, setName] = useState('');
  const [cron, setCron] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [typeName, setTypeName] = useState(props.types[0]?.name ?? '');
  const type = props.types.find((candidate) => candidate.name === typeName) ?? null;
  const spec = useMemo(() => (type ? payloadSpecOf(type.payloadSchema) : null), [type]);
  const [values, setValues] = useState<FieldValue | null>(spec ? initialValue(spec) : null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const current = values ?? (spec ? initialValue(spec) : '');
  const placed = placeFieldErrors(errors, [...SCHEDULE_PATHS, ...(spec ? payloadFieldPaths(spec) : [])]);

  const chooseType = (next: string) => {
    setTypeName(next);
    const nextType = props.types.find((candidate) => candidate.name === next);
    setValues(nextType ? initialValue(payloadSpecOf(nextType.payloadSchema)) : null);
    setErrors([]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!spec) return;
    const payload = jsonFromValue(spec, current);
    const problems: FieldError[] = [
      ...(name.trim() === '' ? [{ field: 'name', message: 'name is required' }] : []),
      ...(cron.trim() === '' ? [{ field: 'cron', message: 'cron is required' }] : []),
      ...payload.problems,
    ];
    setErrors(problems);
    setFailure(null);
    setCreated(null);
    if (problems.length > 0) return;
    const request: CreateScheduleRequest = { name: name.trim(), cron: cron.trim(), timezone, type: typeName, payload: (payload.value ?? {}) as Record<string, unknown> };
    setBusy(true);
    try {
      const schedule = await client.createSchedule(request);
      setCreated(schedule.name);
      setName('');
      setCron('');
      props.onCreated();
    } catch (error) {
      if (error instanceof JobsApiError && error.errors.length > 0) setErrors(error.errors);
      else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="schedule-form" noValidate onSubmit={(event) => void submit(event)}>
      {created ? (
        <p class="notice" role="status">
          Schedule “{created}” created.
        </p>
      ) : null}
      {failure ? (
        <p class="problem" role="alert">
          Could not create the schedule: {failure}
        </p>
      ) : null}
      {placed.unplaced.length > 0 ? (
        <ul class="problem" role="alert">
          {placed.unplaced.map((error, index) => (
            <li key={index}>{error.message}</li>
          ))}
        </ul>
      ) : null}
      <FieldFrame path="name" label="Name" required help={[]} errors={placed.byField.get('name')}>
        {(control) => <input {...control} type="text" value={name} maxLength={200} onInput={(event) => setName(event.currentTarget.value)} />}
      </FieldFrame>
      <FieldFrame
        path="cron"
        label="Cron expression"
        required
        help={['minute hour day-of-month month day-of-week (seconds first with six fields), or @daily, @hourly…', 'e.g. 30 2 * * * for 02:30 every day.']}
        errors={placed.byField.get('cron')}
      >
        {(control) => <input {...control} type="text" class="monospace" value={cron} placeholder="30 2 * * *" onInput={(event) => setCron(event.currentTarget.value)} />}
      </FieldFrame>
      <FieldFrame path="timezone" label="Time zone" required help={['An IANA zone such as Europe/Berlin; daylight saving time is followed.']} errors={placed.byField.get('timezone')}>
        {(control) => <input {...control} type="text" value={timezone} onInput={(event) => setTimezone(event.currentTarget.value)} />}
      </FieldFrame>
      <TypePicker types={props.types} selected={type} disabled={false} errors={placed.byField.get('type')} onChange={chooseType} />
      {spec ? (
        <fieldset class="payload-fields">
          <legend>Payload</legend>
          {spec.kind === 'object' ? (
            spec.fields.map((field) => {
              const fields: FormValues = typeof current === 'object' && !Array.isArray(current) ? current : {};
              return (
                <PayloadField
                  key={`${typeName}:${field.key}`}
                  spec={field}
                  value={fields[field.key] ?? initialValue(field)}
                  errors={placed.byField}
                  onChange={(next) => setValues({ ...fields, [field.key]: next })}
                />
              );
            })
          ) : (
            <PayloadField spec={spec} value={current} errors={placed.byField} onChange={(next) => setValues(next)} />
          )}
        </fieldset>
      ) : null}
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create schedule'}
        </button>
      </div>
    </form>
  );
}
