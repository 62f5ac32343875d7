/**
 * Where the dashboard keeps the bearer token: this browser's localStorage for the API's origin,
 * never a cookie (so the browser never attaches it to a request by itself) and never a URL it
 * navigates to. A sign-in link carries the token in the fragment, which browsers do not send to
 * servers; the dashboard takes it from there and removes it from the address bar at once.
 */
const STORAGE_KEY = 'jobs-dashboard.token';

export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadToken(store: TokenStore): string | null {
  const token = store.getItem(STORAGE_KEY);
  return token && token.trim() !== '' ? token : null;
}

export function saveToken(store: TokenStore, token: string): void {
  store.setItem(STORAGE_KEY, token);
}

export function forgetToken(store: TokenStore): void {
  store.removeItem(STORAGE_KEY);
}

/** The token a sign-in link carries (`#token=…`), if any; `rest` is the fragment without it. */
export function tokenFromFragment(hash: string): { token: string | null; rest: string } {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  params.delete('token');
  const rest = params.toString();
  return { token: token && token.trim() !== '' ? token.trim() : null, rest: rest === '' ? '' : `#${rest}` };
}

/** Strips a pasted `Bearer ` prefix and surrounding blanks; null when nothing that could be a token is left. */
export function normaliseToken(input: string): string | null {
  const token = input.trim().replace(/^bearer\s+/i, '').trim();
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) ? token : null;
}
