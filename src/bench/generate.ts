/**
 * Deterministic bench data: German persons, their traits (kind, purpose, consent, transaction)
 * and vCard files. Every value is a pure function of (seed, index), so the fill can work in
 * batches without holding 100,000 persons in memory, and two runs fill the same database.
 */
import { newPerson, type Person, type PersonKind } from '../domain/person';
import type { BankAccount } from '../domain/person';
import {
  FEMALE,
  MALE,
  LAST,
  CITIES,
  STREETS,
  COMPANY_WORDS,
  COMPANY_FORMS,
  POSITIONS,
  MAIL_HOSTS,
  NOTES,
  BANKS,
} from './words';

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A per-index stream, decorrelated from neighbouring indexes and from other streams. */
export function streamFor(index: number, stream: number): () => number {
  return rng(Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77));
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
/** Skewed towards the front of the list, like real name frequencies (Müller is common, Zech is not). */
const pickSkewed = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * r() * list.length)];
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** A UUID v4 from the stream, so ids look like the app's crypto.randomUUID() ids and sort randomly. */
export function uuidFrom(r: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'.charAt(Math.floor(r() * 4));
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ä → ae and so on, for e-mail local parts. */
function ascii(s: string): string {
  return s
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '');
}

/** A German IBAN with a correct mod-97 checksum (the data layer validates it). */
function germanIban(blz: string, account: string): string {
  const bban = blz + account;
  let rest = 0;
  for (const ch of `${bban}131400`) rest = (rest * 10 + Number(ch)) % 97;
  const check = String(98 - rest).padStart(2, '0');
  return `DE${check}${bban}`.replace(/(.{4})/g, '$1 ').trim();
}

/** Everything a person's role in the bench depends on; cheap, so the planner can run it for all. */
export interface Traits {
  id: string;
  kind: PersonKind;
  private: boolean;
  natural: boolean;
  purposeId: string;
  consent: 'none' | 'given' | 'withdrawn';
  consentId: string;
  /** Linked to a business transaction (the transaction may link the next person too). */
  transaction: boolean;
  transactionId: string;
  linksNext: boolean;
}

export function traitsOf(index: number): Traits {
  const r = streamFor(index, 1);
  const k = r();
  const kind: PersonKind = k < 0.5 ? 'contact' : k < 0.75 ? 'customer' : k < 0.9 ? 'prospect' : 'partner';
  const privateFlag =
    kind === 'customer' ? r() < 0.3 : kind === 'prospect' ? r() < 0.2 : kind === 'partner' ? r() < 0.1 : false;
  const natural = kind === 'contact' || privateFlag;
  const p = r();
  // About a third of natural persons have no purpose: legacy data, taken over while GDPR support was off.
  const purposeId = natural
    ? p < 0.45
      ? 'purpose-contract'
      : p < 0.55
        ? 'purpose-public'
        : p < 0.65
          ? 'purpose-advertising'
          : ''
    : p < 0.6
      ? 'purpose-contract'
      : '';
  const c = r();
  const consent = natural && c < 0.12 ? 'given' : natural && c < 0.15 ? 'withdrawn' : 'none';
  const transaction = r() < 0.2;
  const linksNext = transaction && r() < 0.25;
  return {
    id: uuidFrom(r),
    kind,
    private: privateFlag,
    natural,
    purposeId,
    consent,
    consentId: uuidFrom(r),
    transaction,
    transactionId: uuidFrom(r),
    linksNext,
  };
}

/** The personal fields of person `index` (id and bookkeeping are set by the filler). */
export function personOf(index: number, t: Traits): Person {
  const r = streamFor(index, 2);
  const female = r() < 0.5;
  const firstName = pickSkewed(r, female ? FEMALE : MALE);
  const lastName = pickSkewed(r, LAST);
  const [city, plz, area] = pickSkewed(r, CITIES);
  const company = `${pick(r, COMPANY_WORDS)}${pick(r, ['', ' ', '-'])}${pick(r, ['Werke', 'Service', 'Handel', 'Technik', 'Partner', 'Bau', 'Systeme'])} ${pick(r, COMPANY_FORMS)}`;
  const hasName = t.natural || r() < 0.7;
  const bankAccounts: BankAccount[] = [];
  if (t.kind === 'customer' && r() < 0.3) {
    const [blz, bic] = pick(r, BANKS);
    bankAccounts.push({
      iban: germanIban(blz, digits(r, 10)),
      bic,
      holder: hasName ? `${firstName} ${lastName}` : company,
    });
  }
  const mail =
    r() < 0.8 ? `${ascii(firstName)}.${ascii(lastName)}${r() < 0.5 ? '' : index % 1000}@${pick(r, MAIL_HOSTS)}` : '';
  return newPerson(t.kind, {
    id: t.id,
    private: t.private,
    salutation: hasName ? (female ? 'Frau' : 'Herr') : '',
    title: hasName && r() < 0.05 ? 'Dr.' : '',
    firstName: hasName ? firstName : '',
    lastName: hasName ? lastName : '',
    street: `${pick(r, STREETS)} ${1 + Math.floor(r() * 120)}${r() < 0.1 ? 'a' : ''}`,
    postalCode: plz + digits(r, 3),
    city,
    country: r() < 0.7 ? 'Deutschland' : '',
    phone: r() < 0.85 ? `${area} ${digits(r, 6 + Math.floor(r() * 3))}` : '',
    furtherPhones: r() < 0.2 ? [`+49 1${pick(r, ['51', '52', '60', '70', '76'])} ${digits(r, 7)}`] : [],
    fax: r() < 0.1 ? `${area} ${digits(r, 7)}` : '',
    email: mail,
    bankAccounts,
    organisation: t.kind === 'contact' ? (r() < 0.6 ? company : '') : t.natural ? '' : company,
    position: t.kind === 'contact' && r() < 0.5 ? pick(r, POSITIONS) : '',
    note: r() < 0.1 ? pick(r, NOTES) : '',
    purposeId: t.purposeId,
  });
}

/** vCard 3.0 escaping of text values. */
const vtext = (s: string) => s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\n/g, '\\n');

/** A vCard 3.0 file like a phone's contacts export: CRLF lines, N/FN/ORG/TEL/EMAIL/ADR/NOTE. */
export function vcardFile(count: number, seed: number): string {
  const cards: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = seed * 1_000_000 + i;
    const t = { ...traitsOf(index), kind: 'contact' as const, private: false, natural: true };
    const p = personOf(index, t);
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:${vtext(p.lastName)};${vtext(p.firstName)};;${vtext(p.title)};`,
      `FN:${vtext([p.title, p.firstName, p.lastName].filter(Boolean).join(' '))}`,
    ];
    if (p.organisation) lines.push(`ORG:${vtext(p.organisation)};`);
    if (p.position) lines.push(`TITLE:${vtext(p.position)}`);
    if (p.phone) lines.push(`TEL;TYPE=WORK,VOICE:${p.phone}`);
    for (const m of p.furtherPhones) lines.push(`TEL;TYPE=CELL:${m}`);
    if (p.email) lines.push(`EMAIL;TYPE=INTERNET,PREF:${p.email}`);
    lines.push(
      `ADR;TYPE=WORK:;;${vtext(p.street)};${vtext(p.city)};;${p.postalCode};${vtext(p.country || 'Deutschland')}`,
    );
    if (p.note) lines.push(`NOTE:${vtext(p.note)}`);
    lines.push('END:VCARD');
    cards.push(lines.join('\r\n'));
  }
  return `${cards.join('\r\n')}\r\n`;
}

/** Names for search queries, taken from the same lists the data is drawn from. */
export const SEARCH_QUERIES = ['müller', 'schmidt anna', 'wag', 'köhler', 'zech', 'yılmaz'];
