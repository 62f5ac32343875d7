import { JOB_LIMITS, type JobTypeInfo } from '@jobs/contracts';
import { FieldFrame, FieldGroup } from './field-frame.js';
import type { JobOptionValues, Schedule } from './job-options.js';
import { MetadataRows } from './metadata-rows.js';

const SCHEDULES: { value: Schedule; label: string }[] = [
  { value: 'now', label: 'Now' },
  { value: 'delay', label: 'After a delay' },
  { value: 'at', label: 'At a time' },
];

interface OptionsSectionProps {
  /** The job type's defaults, shown where a field is left empty; null in JSON mode. */
  type: JobTypeInfo | null;
  values: JobOptionValues;
  onChange(values: JobOptionValues, editedPath: string): void;
  idempotencyKey: string;
  onIdempotencyKeyChange(key: string): void;
  errors: ReadonlyMap<string, string[]>;
  open: boolean;
  onToggle(open: boolean): void;
}

/**
 * The request's common fields, folded away by default. In JSON mode they are part of the body, and
 * only the Idempotency-Key header is left here.
 */
export function OptionsSection(props: OptionsSectionProps) {
  const { type, values, errors } = props;
  const set = <Key extends keyof JobOptionValues>(key: Key, path: string) => (value: JobOptionValues[Key]) => props.onChange({ ...values, [key]: value }, path);
  const line = (key: 'priority' | 'maxAttempts' | 'timeoutSeconds' | 'delaySeconds', label: string, help: string) => (
    <FieldFrame path={key} label={label} required={false} help={[help]} errors={errors.get(key)}>
      {(control) => <input {...control} class="number-input" type="text" inputMode="numeric" value={values[key]} onInput={(event) => set(key, key)(event.currentTarget.value)} />}
    </FieldFrame>
  );

  return (
    <details class="submit-options" open={props.open} onToggle={(event) => props.onToggle(event.currentTarget.open)}>
      <summary>Options</summary>
      <div class="submit-options-body">
        {type ? (
          <>
            {line('priority', 'Priority', `An integer from ${JOB_LIMITS.minPriority} to ${JOB_LIMITS.maxPriority}; higher runs first. Default 0.`)}
            {line('maxAttempts', 'Max attempts', `1 to ${JOB_LIMITS.maxAttempts}. Default for ${type.name}: ${type.defaultMaxAttempts}.`)}
            {line('timeoutSeconds', 'Timeout (seconds)', `1 to ${JOB_LIMITS.maxTimeoutSeconds.toLocaleString('en-US')}. Default for ${type.name}: ${type.defaultTimeoutSeconds}.`)}
            <FieldGroup path="schedule" label="Run" required={false} help={[]} errors={errors.get('schedule')}>
              {() => (
                <div class="inline-options">
                  {SCHEDULES.map((schedule) => (
                    <label key={schedule.value} class="choice">
                      <input type="radio" name="schedule" value={schedule.value} checked={values.schedule === schedule.value} onChange={() => set('schedule', 'schedule')(schedule.value)} />
                      {schedule.label}
                    </label>
                  ))}
                </div>
              )}
            </FieldGroup>
            {values.schedule === 'delay' ? line('delaySeconds', 'Delay (seconds)', `0 to ${JOB_LIMITS.maxDelaySeconds.toLocaleString('en-US')} seconds from now.`) : null}
            {values.schedule === 'at' ? (
              <FieldFrame path="runAt" label="Run at (your local time)" required={false} help={['Sent as an ISO 8601 instant.']} errors={errors.get('runAt')}>
                {(control) => <input {...control} type="datetime-local" step={1} value={values.runAt} onInput={(event) => set('runAt', 'runAt')(event.currentTarget.value)} />}
              </FieldFrame>
            ) : null}
            <MetadataRows rows={values.metadata} errors={errors.get('metadata')} onChange={(rows) => set('metadata', 'metadata')(rows)} />
            <FieldGroup path="webhook" label="Webhook" required={false} help={['A signed POST of the job summary when it finishes.']} errors={errors.get('webhook')}>
              {() => (
                <>
                  <FieldFrame path="webhook.url" label="Webhook URL" required={false} help={['http(s) only.']} errors={errors.get('webhook.url')}>
                    {(control) => <input {...control} type="url" value={values.webhookUrl} onInput={(event) => set('webhookUrl', 'webhook.url')(event.currentTarget.value)} />}
                  </FieldFrame>
                  <FieldFrame path="webhook.secret" label="Webhook secret" required={false} help={['16 to 256 characters; the server’s secret when empty.']} errors={errors.get('webhook.secret')}>
                    {(control) => (
                      <input {...control} type="password" autocomplete="off" value={values.webhookSecret} onInput={(event) => set('webhookSecret', 'webhook.secret')(event.currentTarget.value)} />
                    )}
                  </FieldFrame>
                </>
              )}
            </FieldGroup>
          </>
        ) : (
          <p class="muted">Priority, schedule, attempts, timeout, metadata and webhook are fields of the JSON body.</p>
        )}
        <IdempotencyKeyField value={props.idempotencyKey} onChange={props.onIdempotencyKeyChange} />
      </div>
    </details>
  );
}

function IdempotencyKeyField(props: { value: string; onChange(key: string): void }) {
  return (
    <FieldFrame
      path="idempotencyKey"
      label="Idempotency-Key"
      required={false}
      help={['A request header, not part of the body: the same key with the same body gives the same job again; with another body the API refuses it.']}
      errors={undefined}
    >
      {(control) => <input {...control} type="text" autocomplete="off" spellcheck={false} value={props.value} onInput={(event) => props.onChange(event.currentTarget.value)} />}
    </FieldFrame>
  );
}
