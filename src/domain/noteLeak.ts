/**
 * Free-text notes are a known leak: staff paste personal data into them.
 * Finds what looks like an e-mail address, a phone number or an IBAN.
 */
import { isValidIban } from './validation';

export type NoteLeakKind = 'email' | 'phone' | 'iban';

const EMAIL_IN_TEXT = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[A-Za-z]{2,}/;
const IBAN_IN_TEXT = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/gi;
/** A run of digits with the usual separators holding at least 6 digits, e.g. +49 30 1234567. */
const PHONE_IN_TEXT = /(?:\+|\b0)[\d ()/.-]{5,}\d/g;

export function findNoteLeaks(note: string): NoteLeakKind[] {
  const found = new Set<NoteLeakKind>();
  if (EMAIL_IN_TEXT.test(note)) found.add('email');
  for (const m of note.matchAll(IBAN_IN_TEXT)) if (isValidIban(m[0])) found.add('iban');
  for (const m of note.matchAll(PHONE_IN_TEXT)) {
    if ((m[0].match(/\d/g)?.length ?? 0) >= 6 && !isValidIban(m[0])) found.add('phone');
  }
  return [...found];
}
