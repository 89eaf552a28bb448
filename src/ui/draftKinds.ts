/**
 * The forms whose values the idle lock keeps (unsavedChanges.tsx), by name: a kept draft names
 * its form with one of these, and the form (or the opener of its dialog) looks for it after sign-in.
 */
export const DRAFT = {
  person: 'person',
  consent: 'consent',
} as const;
