import { useEffect } from 'preact/hooks';

/**
 * Calls `reload` every `intervalMs` while the tab is visible, and at once when it becomes visible
 * again: a hidden tab costs the API nothing, and a returning user sees fresh figures.
 */
export function usePeriodicReload(reload: () => void, intervalMs: number): void {
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      timer ??= setInterval(reload, intervalMs);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') {
        reload();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [reload, intervalMs]);
}
