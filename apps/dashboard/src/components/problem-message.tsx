import { JobsApiError } from '@jobs/client';

/** An error from the API as a readable sentence with its problem code; anything else by its message. Always text, never HTML. */
export function ProblemMessage(props: { error: unknown; prefix?: string }) {
  const { error, prefix } = props;
  if (error === null || error === undefined) return null;
  const problem = error instanceof JobsApiError ? error.problem : null;
  return (
    <div class="problem" role="alert">
      {prefix ? <strong>{prefix} </strong> : null}
      {problem ? (
        <>
          <span>{problem.detail || problem.title}</span> <code class="problem-code">{problem.code}</code>{' '}
          <span class="muted">({problem.status})</span>
          {problem.errors && problem.errors.length > 0 ? (
            <ul>
              {problem.errors.map((fieldError) => (
                <li key={`${fieldError.field}:${fieldError.message}`}>
                  <code>{fieldError.field}</code>: {fieldError.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <span>{error instanceof Error ? error.message : String(error)}</span>
      )}
    </div>
  );
}
