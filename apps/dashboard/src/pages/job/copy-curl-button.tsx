import { useEffect, useRef, useState } from 'preact/hooks';
import { curlCommand, TOKEN_VARIABLE } from './curl-command.js';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * Copies a curl command that reads the job, with the token left to `$JOBS_TOKEN` so that a pasted
 * command never leaks it. Where the Clipboard API is missing or refused, the command is shown
 * selected, to copy by hand.
 */
export function CopyCurlButton(props: { jobId: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);
  const command = curlCommand(window.location.origin, props.jobId);

  useEffect(() => {
    if (state === 'manual') field.current?.select();
  }, [state]);

  const copy = async () => {
    try {
      // Missing outside secure contexts: the fallback below covers that too.
      await navigator.clipboard.writeText(command);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <div class="copy-curl">
      <button type="button" class="secondary" onClick={() => void copy()} aria-describedby="copy-curl-hint" title={`The command reads your token from $${TOKEN_VARIABLE}; it never contains it.`}>
        Copy as curl
      </button>
      <span role="status" class="copy-curl-status">
        {state === 'copied' ? 'Copied to the clipboard.' : ''}
      </span>
      <p id="copy-curl-hint" class="hint">
        The command reads your token from <code>${TOKEN_VARIABLE}</code> (<code>export {TOKEN_VARIABLE}=…</code> first); the dashboard never copies the token itself.
      </p>
      {state === 'manual' ? (
        <label class="copy-curl-manual">
          <span>The clipboard is not available here: copy the command from this field.</span>
          <input ref={field} type="text" readOnly value={command} onFocus={(event) => event.currentTarget.select()} />
        </label>
      ) : null}
    </div>
  );
}
