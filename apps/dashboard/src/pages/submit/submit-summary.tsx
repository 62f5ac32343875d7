import { JobsApiError } from '@jobs/client';
import type { FieldError } from '@jobs/contracts';
import type { Ref } from 'preact';
import { ProblemMessage } from '../../components/problem-message.js';

/** Why the last submission did not go through: the form's own checks, or what the API (or the network) answered. */
export type SubmitOutcome = { kind: 'checked-here'; message: string } | { kind: 'failed'; error: unknown };

/**
 * The top of the form after a refusal: the problem with its code, and the field errors no visible
 * field holds (all of them in JSON mode). Takes the focus when no field does.
 */
export function SubmitSummary(props: { outcome: SubmitOutcome | null; unplaced: FieldError[]; placedCount: number; summaryRef: Ref<HTMLDivElement> }) {
  const { outcome, unplaced, placedCount } = props;
  return (
    <div class="submit-summary" ref={props.summaryRef} tabIndex={-1}>
      {outcome?.kind === 'checked-here' ? (
        <div class="problem" role="alert">
          <span>{outcome.message}</span>
          {unplaced.length > 0 ? <FieldErrorList errors={unplaced} /> : null}
        </div>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <>
          <ProblemMessage error={withOnly(outcome.error, unplaced)} prefix="The job was not submitted:" />
          {outcome.error instanceof JobsApiError ? null : (
            <p class="muted">If the request reached the API the job exists: look in the jobs list before sending it again, or set an Idempotency-Key so that sending it again is safe.</p>
          )}
        </>
      ) : null}
      {outcome && placedCount > 0 ? <p class="field-error">{placedCount === 1 ? 'One field is marked below.' : `${placedCount} fields are marked below.`}</p> : null}
    </div>
  );
}

function FieldErrorList(props: { errors: FieldError[] }) {
  return (
    <ul>
      {props.errors.map((error, index) => (
        <li key={index}>
          <code>{error.field}</code>: {error.message}
        </li>
      ))}
    </ul>
  );
}

/** The API's problem with only the field errors that are not shown beside a field. */
function withOnly(error: unknown, unplaced: FieldError[]): unknown {
  if (!(error instanceof JobsApiError)) return error;
  return new JobsApiError({ ...error.problem, errors: unplaced }, error.retryAfterSeconds);
}
