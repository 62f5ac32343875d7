import { JobsApiError, JobsClient } from '@jobs/client';
import type { CallerResponse } from '@jobs/contracts';
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { forgetToken, loadToken, saveToken, tokenFromFragment } from '../session/token-storage.js';
import { NetworkStatus, trackingFetch } from './network-status.js';

/** A signed-in session: the client every page calls the API with, and who the API says the caller is. */
export interface Session {
  client: JobsClient;
  caller: CallerResponse;
  token: string;
  network: NetworkStatus;
  signOut(reason?: string): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason: string | null }
  | { kind: 'signed-in'; token: string; caller: CallerResponse };

export interface SignInControls {
  signIn(token: string): Promise<void>;
  reason: string | null;
  checking: boolean;
}

/** Calls `/v1/me` with the token: the API, not the page, decides whether it is good and who it names. */
async function whoIs(token: string, network: NetworkStatus): Promise<CallerResponse> {
  const client = new JobsClient({ baseUrl: window.location.origin, token, fetch: trackingFetch(network, () => {}) });
  return client.me();
}

function describeRefusal(error: unknown): string {
  if (error instanceof JobsApiError) return `The API refused the token: ${error.problem.detail} (${error.status} ${error.code})`;
  return `The API could not be reached to check the token (${error instanceof Error ? error.message : String(error)}).`;
}

/**
 * Holds the token and the caller: takes a sign-in link's token from the URL fragment (then removes it
 * from the address bar), checks any token with `/v1/me`, and signs out on the first 401 from any route.
 */
export function SessionProvider(props: { signIn: (controls: SignInControls) => ComponentChildren; children: ComponentChildren }) {
  const network = useMemo(() => new NetworkStatus(), []);
  const [state, setState] = useState<SessionState>({ kind: 'checking' });

  const signOut = useCallback((reason?: string) => {
    forgetToken(window.localStorage);
    setState({ kind: 'signed-out', reason: reason ?? null });
  }, []);

  const signIn = useCallback(
    async (token: string) => {
      setState({ kind: 'checking' });
      try {
        const caller = await whoIs(token, network);
        saveToken(window.localStorage, token);
        setState({ kind: 'signed-in', token, caller });
      } catch (error) {
        if (error instanceof JobsApiError && error.status === 401) forgetToken(window.localStorage);
        setState({ kind: 'signed-out', reason: describeRefusal(error) });
      }
    },
    [network],
  );

  useEffect(() => {
    const { token: linked, rest } = tokenFromFragment(window.location.hash);
    if (linked !== null) history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${rest}`);
    const token = linked ?? loadToken(window.localStorage);
    if (token === null) setState({ kind: 'signed-out', reason: null });
    else void signIn(token);
  }, [signIn]);

  const session = useMemo<Session | null>(() => {
    if (state.kind !== 'signed-in') return null;
    const onUnauthorized = () => signOut('Your session ended: the API no longer accepts the token (401). Sign in again.');
    const client = new JobsClient({ baseUrl: window.location.origin, token: state.token, fetch: trackingFetch(network, onUnauthorized) });
    return { client, caller: state.caller, token: state.token, network, signOut };
  }, [state, network, signOut]);

  if (session === null) {
    return <>{props.signIn({ signIn, reason: state.kind === 'signed-out' ? state.reason : null, checking: state.kind === 'checking' })}</>;
  }
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}
