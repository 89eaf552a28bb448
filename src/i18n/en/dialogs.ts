/** The words of dialogs and of the offer of kept changes: only lazy dialogs show them. English, checked against the German keys. */
import type { dialogs as de } from '../de/dialogs';

export const dialogs = {
  'ui.save': 'Save',
  'ui.cancel': 'Cancel',
  'ui.confirm': 'Confirm',
  'ui.kept.title': 'Unsaved changes',
  'ui.kept.text':
    'When the app was locked or updated on {at}, changes to “{name}” were not saved. They were kept encrypted.',
  'ui.kept.restore': 'Restore changes',
  'ui.unsaved.title': 'Discard changes?',
  'ui.unsaved.text': 'What you changed here is not saved yet and will be lost.',
  'ui.unsaved.stay': 'Keep editing',
  'ui.unsaved.discard': 'Discard',
  'ui.close': 'Close',
} satisfies Record<keyof typeof de, string>;
