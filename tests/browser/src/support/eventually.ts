/**
 * Retries `check` until it stops throwing, or throws its last error after `timeoutMs`: for what the
 * page shows after a live update or a request, whose timing a loaded machine stretches.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
