import { useEffect, useState } from 'preact/hooks';
import type { NetworkState } from './network-status.js';
import { useSession } from './session.js';

/** The API's reachability, re-rendering when it changes. */
export function useNetworkState(): NetworkState {
  const { network } = useSession();
  const [state, setState] = useState(network.current);
  useEffect(() => network.subscribe(setState), [network]);
  return state;
}
