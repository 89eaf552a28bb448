/** Shared UI words: navigation, buttons, loading, update prompt. English, checked against the German keys. */
import type { common as de } from '../de/common';

export const common = {
  'ui.loading': 'Loading …',
  'ui.save': 'Save',
  'ui.cancel': 'Cancel',
  'ui.confirm': 'Confirm',
  'ui.kept.title': 'Unsaved changes',
  'ui.kept.text':
    'When the app locked itself for inactivity on {at}, changes to “{name}” were not saved. They were kept encrypted.',
  'ui.kept.restore': 'Restore changes',
  'ui.unsaved.title': 'Discard changes?',
  'ui.unsaved.text': 'What you changed here is not saved yet and will be lost.',
  'ui.unsaved.stay': 'Keep editing',
  'ui.unsaved.discard': 'Discard',
  'ui.close': 'Close',
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
  'ui.pwa.newVersion': 'New version available',
  'ui.pwa.update': 'Update',
  'ui.pwa.later': 'Later',
  'ui.pwa.reloadRequired': 'Please reload: Consentbook was updated in another tab.',
  'ui.pwa.reload': 'Reload',
} satisfies Record<keyof typeof de, string>;
