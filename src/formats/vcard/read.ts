/**
 * vCard cards to the person's fields: N, FN, ADR, TEL, EMAIL, ORG, TITLE/ROLE and NOTE; other
 * properties (X-…, photos, birthdays) are not imported — those holding personal data are named
 * in the preview as left out. Syntax lives in vcardSyntax.ts.
 */
import { sortHonorifics, splitFullName } from '../import/names';
import { excerpt, type DraftFields, type ImportDraft, type ImportMessage, type ImportProblem } from '../import/types';
import { components, eachVCard, splitEscaped, unescapeText, type VCard, type VCardProperty } from './syntax';

export { readVCards, type VCard, type VCardProperty } from './syntax';

/** A component that may list several entries ("Richter,James"), joined by spaces. */
function listed(raw: string | undefined): string {
  return raw === undefined
    ? ''
    : splitEscaped(raw, ',')
        .map(unescapeText)
        .map((s) => s.trim())
        .filter(Boolean)
        .join(' ');
}

/** Lower rank = more preferred: PREF=1 (4.0), TYPE=pref (3.0) or bare PREF (2.1). */
function prefRank(p: VCardProperty): number {
  const n = Number(p.params.PREF?.[0]);
  if (Number.isFinite(n) && n > 0) return n;
  return p.params.TYPE?.includes('pref') ? 1 : 1000;
}

function byPreference(props: VCardProperty[]): VCardProperty[] {
  return props
    .map((p, i) => ({ p, i, r: prefRank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.p);
}

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');

// ---------------------------------------------------------------------------------------------
// Mapping

function mapName(props: VCardProperty[], fields: DraftFields, warnings: ImportMessage[]): void {
  const n = props.find((p) => p.name === 'N');
  if (n) {
    const raw = splitEscaped(n.value, ';');
    fields.lastName = listed(raw[0]);
    fields.firstName = [listed(raw[1]), listed(raw[2])].filter(Boolean).join(' ');
    const prefix = sortHonorifics(listed(raw[3]));
    const suffix = sortHonorifics(listed(raw[4]));
    fields.salutation = prefix.salutation;
    fields.title = [prefix.title, prefix.rest, suffix.title].filter(Boolean).join(' ');
    // Generational suffixes ("Jr.") have no field; say so rather than lose them silently.
    const dropped = [suffix.salutation, suffix.rest].filter(Boolean).join(' ');
    if (dropped) warnings.push({ messageKey: 'import.warning.nameSuffix', params: { suffix: excerpt(dropped, 40) } });
  }
  if (fields.lastName?.trim() || fields.firstName?.trim()) return;
  // No usable N: take the formatted name, unless it is only the company or the e-mail address.
  const fn = unescapeText(props.find((p) => p.name === 'FN')?.value ?? '').trim();
  const org = components(props.find((p) => p.name === 'ORG')?.value ?? '')[0]?.trim() ?? '';
  if (!fn || fn === org || fn.includes('@')) return;
  const split = splitFullName(fn);
  fields.lastName = split.lastName;
  fields.firstName = split.firstName;
  fields.salutation ||= split.salutation;
  fields.title ||= split.title;
}

function addressText(p: VCardProperty): { street: string; postalCode: string; city: string; country: string } {
  const [pobox = '', ext = '', street = '', city = '', region = '', code = '', country = ''] = components(p.value).map(
    lines,
  );
  return {
    street: [street, ext, pobox].filter(Boolean).join(', '),
    postalCode: code,
    city: city || region,
    country,
  };
}

function mapAddress(props: VCardProperty[], fields: DraftFields, warnings: ImportMessage[]): void {
  const addresses = byPreference(props.filter((p) => p.name === 'ADR')).map(addressText);
  const given = addresses.filter((a) => a.street || a.postalCode || a.city || a.country);
  const [first, rest] = [given.at(0), given.slice(1)];
  if (!first) return;
  Object.assign(fields, first);
  for (const a of rest) {
    // A street ending in its own comma (Outlook's "Silicon Alley 5,") is not joined into ",,".
    const parts = [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country];
    const text = parts
      .map((s) => s.trim().replace(/\s*,+$/, ''))
      .filter(Boolean)
      .join(', ');
    warnings.push({ messageKey: 'import.warning.extraAddress', params: { address: excerpt(text) } });
  }
}

/** A TEL value as a number: "tel:+1-418-656-9254;ext=102" → "+1-418-656-9254", extension apart. */
function phoneOf(p: VCardProperty): { number: string; ext: string } {
  let v = unescapeText(p.value).trim();
  if (/^tel:/i.test(v)) v = v.slice(4);
  const semicolon = v.indexOf(';');
  if (semicolon < 0) return { number: v, ext: '' };
  const ext = /;ext=([^;]*)/i.exec(v.slice(semicolon))?.[1] ?? '';
  return { number: v.slice(0, semicolon).trim(), ext };
}

const phoneKey = (v: string) => v.replace(/[^\d+]/g, '');

function mapPhones(props: VCardProperty[], fields: DraftFields, warnings: ImportMessage[]): void {
  const tels = byPreference(props.filter((p) => p.name === 'TEL'));
  const voice: string[] = [];
  const faxes: string[] = [];
  const seen = new Set<string>();
  for (const p of tels) {
    const { number, ext } = phoneOf(p);
    if (!number) continue;
    const isFax = p.params.TYPE?.includes('fax') ?? false;
    // The same number listed twice (as mobile and as work, say) is kept once.
    const key = `${isFax ? 'fax' : 'tel'}:${phoneKey(number) || number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (isFax ? faxes : voice).push(number);
    if (ext)
      warnings.push({
        messageKey: 'import.warning.phoneExtension',
        params: { phone: excerpt(number, 40), ext: excerpt(ext, 20) },
      });
  }
  fields.phone = voice[0] ?? '';
  fields.fax = faxes[0] ?? '';
  // Further fax numbers have no field of their own; they are phone numbers all the same.
  fields.furtherPhones = [...voice.slice(1), ...faxes.slice(1)];
}

function mapEmails(props: VCardProperty[], fields: DraftFields, warnings: ImportMessage[]): void {
  const emails: string[] = [];
  const seen = new Set<string>();
  for (const p of byPreference(props.filter((x) => x.name === 'EMAIL'))) {
    const v = unescapeText(p.value)
      .trim()
      .replace(/^mailto:/i, '');
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      emails.push(v);
    }
  }
  fields.email = emails[0] ?? '';
  for (const e of emails.slice(1))
    warnings.push({ messageKey: 'import.warning.extraEmail', params: { email: excerpt(e) } });
}

function firstText(props: VCardProperty[], name: string): string {
  for (const p of props) {
    if (p.name !== name) continue;
    const v = (name === 'ORG' ? (components(p.value)[0] ?? '') : unescapeText(p.value)).trim();
    if (v) return v;
  }
  return '';
}

/** The person's fields from one card, with warnings about what was left out. */
export function cardToDraft(card: VCard): ImportDraft {
  const props = card.properties;
  const fields: DraftFields = {};
  const warnings: ImportMessage[] = [...card.warnings];
  mapName(props, fields, warnings);
  mapAddress(props, fields, warnings);
  mapPhones(props, fields, warnings);
  mapEmails(props, fields, warnings);
  fields.organisation = firstText(props, 'ORG');
  fields.position = firstText(props, 'TITLE') || firstText(props, 'ROLE');
  fields.note = props
    .filter((p) => p.name === 'NOTE')
    .map((p) => unescapeText(p.value).trim())
    .filter(Boolean)
    .join('\n\n');
  if (props.some((p) => p.name === 'PHOTO' && p.value.trim()))
    warnings.push({ messageKey: 'import.warning.photoSkipped' });
  for (const [messageKey, names] of LEFT_OUT)
    if (props.some((p) => names.includes(p.name) && p.value.trim())) warnings.push({ messageKey });
  if (props.some(holdsDepartment)) warnings.push({ messageKey: 'import.warning.departmentSkipped' });
  const marked = markedAsCompany(props);
  if (marked && !fields.organisation && !props.some((p) => p.name === 'N')) {
    // A KIND:org card's FN is the company's name, not a person's split into first and last.
    fields.organisation = unescapeText(props.find((p) => p.name === 'FN')?.value ?? '').trim();
    fields.firstName = fields.lastName = '';
  }
  const nameless = !!fields.organisation && !fields.lastName?.trim() && !fields.firstName?.trim();
  if (!marked && !nameless) return { line: card.line, fields, warnings };
  warnings.push({ messageKey: 'import.warning.companyCard' });
  return { line: card.line, fields, warnings, classification: { private: false, company: true } };
}

/**
 * A card about a company, not a person, by its own word: KIND:org (vCard 4), or the iPhone's and
 * macOS's "show as company" (X-ABShowAs:COMPANY). A card naming only its company (FN = ORG, no N)
 * is one too (cardToDraft).
 */
function markedAsCompany(props: VCardProperty[]): boolean {
  const value = (name: string) =>
    unescapeText(props.find((p) => p.name === name)?.value ?? '')
      .trim()
      .toLowerCase();
  return ['org', 'organization'].includes(value('KIND')) || value('X-ABSHOWAS') === 'company';
}

/** ORG's units after the company ("Firma;Einkauf"): the person's Firma takes the company alone. */
const holdsDepartment = (p: VCardProperty) =>
  p.name === 'ORG' &&
  components(p.value)
    .slice(1)
    .some((unit) => unescapeText(unit).trim() !== '');

/**
 * Personal data a card may hold that the person has no field for: named in the preview as not
 * taken over (they vanished without a word — a birthday among them).
 */
const LEFT_OUT: readonly (readonly [ImportMessage['messageKey'], readonly string[]])[] = [
  ['import.warning.datesSkipped', ['BDAY', 'ANNIVERSARY', 'X-ANNIVERSARY']],
  ['import.warning.nicknameSkipped', ['NICKNAME', 'X-PHONETIC-FIRST-NAME', 'X-PHONETIC-LAST-NAME']],
  ['import.warning.webSkipped', ['URL', 'X-SOCIALPROFILE']],
  [
    'import.warning.messengerSkipped',
    [
      'IMPP',
      'X-AIM',
      'X-JABBER',
      'X-SKYPE',
      'X-SKYPE-USERNAME',
      'X-ICQ',
      'X-MSN',
      'X-YAHOO',
      'X-GOOGLE-TALK',
      'X-GTALK',
    ],
  ],
  ['import.warning.relatedSkipped', ['RELATED', 'X-ABRELATEDNAMES', 'X-SPOUSE', 'X-MANAGER', 'X-ASSISTANT']],
];

/** Drafts for every complete card, and problems about the file's structure. */
export function parseVCards(text: string): { drafts: ImportDraft[]; problems: ImportProblem[] } {
  // Each card made a draft as it is read (eachVCard): the cards' properties never all held at once.
  const drafts: ImportDraft[] = [];
  const problems = eachVCard(text, (card) => drafts.push(cardToDraft(card)));
  return { drafts, problems };
}
