const DEFAULT_API_URL = 'http://localhost:3000';

/** Thrown for an address that is not an http(s) URL: the caller reports it as a usage error. */
export class InvalidApiUrlError extends Error {}

/**
 * The API's base URL: `--url`, else `JOBS_API_URL`, else the default. An empty variable counts as unset
 * (as `JOBS_API_URL=` in a shell or an env file leaves it).
 */
export function apiUrl(option: string | undefined, variable: string | undefined): string {
  const [value, source] = option !== undefined ? [option, '--url'] : variable ? [variable, 'JOBS_API_URL'] : [DEFAULT_API_URL, 'the default'];
  const parsed = URL.canParse(value) ? new URL(value) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new InvalidApiUrlError(`${source} is not an http(s) URL: "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/**
 * The network reason when `error` (or an error it wraps) is a failed connection — what fetch throws
 * as `TypeError: fetch failed` with the system error as its cause — or undefined for other errors.
 */
export function connectionFailure(error: unknown): string | undefined {
  // Read by shape, not `instanceof`: fetch's errors may come from another realm (a VM context).
  const chain: { name?: unknown; message?: unknown; code?: unknown }[] = [];
  for (let current = error; typeof current === 'object' && current !== null && chain.length < 8; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  if (!chain.some((link) => link.name === 'TypeError' && link.message === 'fetch failed')) return undefined;
  const coded = chain.find((link) => typeof link.code === 'string');
  return String(coded?.code ?? chain.at(-1)?.message);
}
