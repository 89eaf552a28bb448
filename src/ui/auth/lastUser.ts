/** The last user name signed in on this device (sign-in and first start): not secret, it spares typing it again. */
export const LAST_USER = 'consentbook.lastUser';
export const rememberUser = (name: string) => localStorage.setItem(LAST_USER, name);
