/** The person form's chunk (lazy, see PersonsScreen.tsx): one loader for the screen and the list's prefetch. */
export const loadPersonForm = () => import('./PersonForm');

/**
 * Fetches the form while the list is idle, so opening a person does not wait for the network.
 * Safari has no requestIdleCallback: there a short timeout does the same.
 */
export function prefetchPersonForm(): () => void {
  const load = () => void loadPersonForm().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(load);
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(load, 200);
  return () => clearTimeout(handle);
}
