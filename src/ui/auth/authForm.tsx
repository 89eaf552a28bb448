/** What the first-start and the sign-in forms share: the last user's name. */

/** The last user name signed in on this device: not secret, it spares typing it again. */
export const LAST_USER = 'consentbook.lastUser';
export const rememberUser = (name: string) => localStorage.setItem(LAST_USER, name);
