/** The sign-in screen, before anyone is signed in. English, checked against the German keys. */
import type { signIn as de } from '../de/signIn';

export const signIn = {
  'ui.auth.user': 'User',
  'ui.auth.passphrase': 'Passphrase',
  'ui.auth.signInTitle': 'Sign in',
  'ui.auth.signIn': 'Sign in',
  'ui.auth.signingIn': 'Signing in …',
  'ui.auth.signOut': 'Sign out',
  'ui.auth.lockedIdle': 'Locked automatically after inactivity. Please sign in again.',
  'ui.auth.restored': 'A backup was restored. Please sign in as a user of that backup.',
  'ui.sync.join': 'Join a team',
  'ui.sync.joinLead': 'Does the book exist on another device already? Then join it instead of setting up anew.',
  'ui.sync.joined': 'Joined: {persons} persons loaded. Sign in with your own user.',
  'ui.settings.language': 'Language',
} satisfies Record<keyof typeof de, string>;
