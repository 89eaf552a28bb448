/**
 * Runs `run` once the page is idle (after the current screen painted and its own work is done).
 * Safari has no requestIdleCallback: there a short timeout does the same. Returns a cancel.
 */
export function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 200);
  return () => clearTimeout(handle);
}
