/**
 * Field validation shared by the form, the importers and the data layer. Each problem names the
 * field and a message key from the translation table, so every caller shows the same words.
 */
import type { MessageKey } from '../i18n/messages';
import type { Person } from './person';
import { OTHER_FIELD_MAX_LENGTH, WATCHED_FIELDS } from './fields';
import { normaliseCode } from './diff';

export interface FieldProblem {
  /** Field key, e.g. 'email', 'bankAccounts.0.iban', 'furtherPhones.1'. */
  field: string;
  /** Translation key, e.g. 'validation.email'. */
  messageKey: MessageKey;
  /** Values for placeholders in the message ({max}). */
  params?: Record<string, string | number>;
}

/**
 * Characters no person's field holds: C0 and C1 controls (tab, CR and LF aside) and the bidi
 * embedding, override and isolate controls, which show text in another order than it is stored — a
 * name could read as another on screen and in a document.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's purpose
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Line breaks, which only the note holds. */
const BREAKS = /[\r\n]/;

/** The text without those characters (what the form and an import store of a pasted one). */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

function hasControls(text: string): boolean {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** Digits, spaces and the usual separators; at least 3 digits. */
const PHONE = /^\+?[0-9 ()/.-]{3,}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export function isValidPhone(value: string): boolean {
  const v = value.trim();
  return PHONE.test(v) && (v.match(/\d/g)?.length ?? 0) >= 3;
}

/** IBAN checksum (ISO 13616, mod 97). Spacing and case are ignored. */
export function isValidIban(value: string): boolean {
  const iban = normaliseCode(value);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export function isValidBic(value: string): boolean {
  return BIC.test(normaliseCode(value));
}

/** Postal code formats for the countries we know; other countries are not checked. */
const POSTAL_CODES: Partial<Record<string, RegExp>> = {
  DE: /^\d{5}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  LI: /^\d{4}$/,
  FR: /^\d{5}$/,
  IT: /^\d{5}$/,
  ES: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  BE: /^\d{4}$/,
  LU: /^(L-)?\d{4}$/i,
  DK: /^\d{4}$/,
  PL: /^\d{2}-\d{3}$/,
  CZ: /^\d{3} ?\d{2}$/,
  US: /^\d{5}(-\d{4})?$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
};

const COUNTRY_ALIASES: Record<string, string> = {
  deutschland: 'DE',
  germany: 'DE',
  d: 'DE',
  österreich: 'AT',
  austria: 'AT',
  schweiz: 'CH',
  switzerland: 'CH',
  frankreich: 'FR',
  france: 'FR',
  italien: 'IT',
  italy: 'IT',
  spanien: 'ES',
  spain: 'ES',
  niederlande: 'NL',
  netherlands: 'NL',
  belgien: 'BE',
  belgium: 'BE',
  luxemburg: 'LU',
  dänemark: 'DK',
  denmark: 'DK',
  polen: 'PL',
  poland: 'PL',
  tschechien: 'CZ',
  'czech republic': 'CZ',
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  'vereinigtes königreich': 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  liechtenstein: 'LI',
};

/** ISO 3166 alpha-2 code of a country as users write it; '' when unknown. Empty country = DE. */
export function countryCode(country: string): string {
  const c = country.trim();
  if (!c) return 'DE';
  if (/^[A-Za-z]{2}$/.test(c)) return c.toUpperCase();
  return COUNTRY_ALIASES[c.toLocaleLowerCase('de')] ?? '';
}

export function isValidPostalCode(postalCode: string, country: string): boolean {
  const pattern = POSTAL_CODES[countryCode(country)];
  return !pattern || pattern.test(postalCode.trim());
}

type Validatable = Pick<
  Person,
  'email' | 'phone' | 'fax' | 'furtherPhones' | 'postalCode' | 'country' | 'bankAccounts' | 'kind'
> &
  Partial<Pick<Person, 'organisation' | 'position' | 'note'>>;

/** Every problem of a person's fields; empty when it may be stored. */
/** A field's value by its problem's path ('lastName', 'furtherPhones.1', 'bankAccounts.0.iban'). */
function valueAt(p: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], p);
}

/**
 * A change of a person judged as the data layer and sync judge it: every problem of the new version,
 * but control characters only in a field the change sets — a record stored before they were refused
 * (an older import) can still be locked or changed elsewhere.
 */
export function validatePersonChange(old: Validatable | undefined, next: Validatable): FieldProblem[] {
  return validatePerson(next).filter(
    (p) => p.messageKey !== 'validation.controlChars' || !old || valueAt(old, p.field) !== valueAt(next, p.field),
  );
}

export function validatePerson(p: Validatable): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const fields = p as unknown as Record<string, unknown>;
  const tooLong = (field: string, value: unknown, max: number) => {
    if (typeof value === 'string' && value.length > max)
      problems.push({ field, messageKey: 'validation.tooLong', params: { max } });
  };
  for (const w of WATCHED_FIELDS) {
    const value = fields[w.key];
    if (w.key === 'bankAccounts') continue;
    if (Array.isArray(value)) value.forEach((v, i) => tooLong(`${w.key}.${i}`, v, w.maxLength));
    else tooLong(w.key, value, w.maxLength);
  }
  for (const [key, max] of Object.entries(OTHER_FIELD_MAX_LENGTH)) tooLong(key, fields[key], max);
  // What no form or import stores: it arrives only by sync or a hand-made file.
  const control = (field: string, value: unknown) => {
    if (typeof value === 'string' && (hasControls(value) || (field !== 'note' && BREAKS.test(value))))
      problems.push({ field, messageKey: 'validation.controlChars' });
  };
  for (const w of WATCHED_FIELDS) {
    const value = fields[w.key];
    if (Array.isArray(value)) value.forEach((v, i) => control(`${w.key}.${i}`, v));
    else control(w.key, value);
  }

  if (p.email.trim() && !isValidEmail(p.email)) problems.push({ field: 'email', messageKey: 'validation.email' });
  if (p.phone.trim() && !isValidPhone(p.phone)) problems.push({ field: 'phone', messageKey: 'validation.phone' });
  if (p.fax.trim() && !isValidPhone(p.fax)) problems.push({ field: 'fax', messageKey: 'validation.phone' });
  p.furtherPhones.forEach((v, i) => {
    if (v.trim() && !isValidPhone(v)) problems.push({ field: `furtherPhones.${i}`, messageKey: 'validation.phone' });
  });
  if (p.postalCode.trim() && !isValidPostalCode(p.postalCode, p.country)) {
    problems.push({
      field: 'postalCode',
      messageKey: 'validation.postalCode',
      params: { country: countryCode(p.country) },
    });
  }
  if (p.kind !== 'customer' && p.bankAccounts.some((b) => b.iban || b.bic || b.holder)) {
    problems.push({ field: 'bankAccounts', messageKey: 'validation.bankCustomerOnly' });
  }
  p.bankAccounts.forEach((b, i) => {
    if (b.iban.trim() && !isValidIban(b.iban))
      problems.push({ field: `bankAccounts.${i}.iban`, messageKey: 'validation.iban' });
    if (b.bic.trim() && !isValidBic(b.bic))
      problems.push({ field: `bankAccounts.${i}.bic`, messageKey: 'validation.bic' });
    tooLong(`bankAccounts.${i}.holder`, b.holder, 70);
    tooLong(`bankAccounts.${i}.iban`, b.iban, 42);
  });
  return problems;
}
