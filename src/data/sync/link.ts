/**
 * The device's connection as the engine sees it: whether the browser says it is offline, the
 * browser's `online` / `offline` events, and the one back-off rule both the replication's retries
 * and the engine's own retries follow (1 s, doubling, at most 30 s).
 */

export const MAX_BACK_OFF_MS = 30_000;

/** The pause before the next try, after a pause of `previous` ms (0: the first failure). */
export function backOff(previous: number): number {
  return Math.min(MAX_BACK_OFF_MS, previous > 0 ? previous * 2 : 1_000);
}

/** The browser says there is no network (Node, in tests, has no such notion: never offline). */
export function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && 'onLine' in navigator && !navigator.onLine;
}

/** Calls back on the browser's `online` / `offline` events; returns the unsubscribe function. */
export function watchConnectivity(onOnline: () => void, onOffline: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}
