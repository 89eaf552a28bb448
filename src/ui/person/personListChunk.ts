/**
 * The person list's chunk (lazy, see PersonsScreen.tsx; with its virtualiser it is outside the
 * start bundle): one loader for the screen and for the sign-in, which fetches it while the
 * passphrase is checked.
 */
export const loadPersonList = () => import('./PersonList');
