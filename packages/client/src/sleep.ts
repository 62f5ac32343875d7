/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as it fires — as
 * `fetch` does, so a caller sees one kind of error whichever of the two was waiting. Timers and
 * `AbortSignal` only, so it runs in browsers as well as in Node.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
