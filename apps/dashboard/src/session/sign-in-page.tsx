import { useState } from 'preact/hooks';
import type { SignInControls } from '../api/session.js';
import { normaliseToken } from './token-storage.js';

/** Paste a bearer token (or open a sign-in link from `jobs dashboard`); the API checks it. */
export function SignInPage(props: SignInControls) {
  const [input, setInput] = useState('');
  const [formatError, setFormatError] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    const token = normaliseToken(input);
    if (token === null) {
      setFormatError('That is not a JSON Web Token: expected three base64url parts separated by dots.');
      return;
    }
    setFormatError(null);
    void props.signIn(token);
  };

  return (
    <main class="sign-in">
      <h1>Jobs dashboard</h1>
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <label for="token">Bearer token</label>
        <textarea
          id="token"
          name="token"
          rows={5}
          spellcheck={false}
          autocomplete="off"
          value={input}
          onInput={(event) => setInput(event.currentTarget.value)}
          aria-invalid={formatError !== null}
          aria-describedby={formatError ? 'token-error' : undefined}
        />
        {formatError ? (
          <p id="token-error" class="field-error">
            {formatError}
          </p>
        ) : null}
        {props.reason ? (
          <p class="problem" role="alert">
            {props.reason}
          </p>
        ) : null}
        <button type="submit" disabled={props.checking}>
          {props.checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p id="sign-in-help" class="muted">
        The token is sent to this API only, and kept in this browser until you sign out. Get one from your identity provider or, in
        development, with <code>pnpm --silent token --sub alice</code>; <code>pnpm --silent jobs dashboard</code> prints a sign-in link.
      </p>
    </main>
  );
}
