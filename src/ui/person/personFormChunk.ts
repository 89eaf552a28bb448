/** The person form's chunk (lazy, see PersonsScreen.tsx): one loader for the screen and the list's prefetch. */
import { whenIdle } from '../idle';

export const loadPersonForm = () => import('./PersonForm');

/** Fetches the form while the list is idle, so opening a person does not wait for the network. */
export function prefetchPersonForm(): () => void {
  return whenIdle(() => void loadPersonForm().catch(() => undefined));
}
