/** Shared UI words: navigation, loading, update prompt (the dialogs' words: dialogs.ts). English, checked against the German keys. */
import type { common as de } from '../de/common';

export const common = {
  'ui.loading': 'Loading …',
  'ui.skipToContent': 'Skip to content',
  'ui.error.unexpected': 'Unexpected error: {message}',
  'ui.nav.label': 'Main navigation',
  'ui.nav.uebersicht': 'Overview',
  'ui.nav.personen': 'Persons',
  'ui.nav.pruefliste': 'GDPR worklist',
  'ui.nav.anfragen': 'Requests',
  'ui.nav.datenpannen': 'Data breaches',
  'ui.nav.protokoll': 'Audit log',
  'ui.nav.verzeichnis': 'Register',
  'ui.nav.einstellungen': 'Settings',
  'ui.nav.menu': 'Menu',
  'ui.pwa.newVersion': 'New version available',
  'ui.pwa.update': 'Update',
  'ui.pwa.later': 'Later',
  'ui.pwa.reloadRequired': 'Please reload: Consentbook was updated in another tab.',
  'ui.pwa.reload': 'Reload',
  'ui.pwa.chunkFailed':
    'This part of Consentbook could not be loaded: the app was updated meanwhile, or the file is not available offline. “Reload” loads the current version; unsaved input is kept first.',
  // The backup reminder is shown with the first screen (Shell.tsx): its texts are at the start.
  'ui.backup.restoredElsewhere': 'A backup was restored in another tab. Please sign in again.',
  'ui.backup.reminderDays': 'Last backup {days} days ago.',
  'ui.backup.reminderDay': 'Last backup one day ago.',
  'ui.backup.reminderNone': 'There is no backup of the data yet.',
  'ui.backup.reminderLink': 'Back up now',
  'ui.backup.reminderDismiss': 'Hide reminder',
} satisfies Record<keyof typeof de, string>;
