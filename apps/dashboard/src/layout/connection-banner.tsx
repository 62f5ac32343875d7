import { useEffect } from 'preact/hooks';
import { useSession } from '../api/session.js';
import { useNetworkState } from '../api/use-network-state.js';

const PROBE_INTERVAL_MS = 3000;

/**
 * Shown while the API is unreachable (a request failed, or the browser went offline); probes the API
 * until it answers, which lets every page reload what it shows.
 */
export function ConnectionBanner() {
  const { client, network } = useSession();
  const { reachable } = useNetworkState();

  useEffect(() => {
    const probe = () => void client.me().catch(() => {});
    const offline = () => network.unreachable();
    window.addEventListener('offline', offline);
    window.addEventListener('online', probe);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', probe);
    };
  }, [client, network]);

  useEffect(() => {
    if (reachable) return;
    const timer = setInterval(() => client.me().catch(() => {}), PROBE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [client, reachable]);

  if (reachable) return null;
  return (
    <div class="banner banner-offline" role="alert">
      The API cannot be reached. Retrying every few seconds; what is shown may be out of date.
    </div>
  );
}
