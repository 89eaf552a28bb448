/**
 * Deterministic bench data: German persons, their traits (kind, purpose, consent, transaction)
 * and vCard files. Every value is a pure function of (seed, index), so the fill can work in
 * batches without holding 100,000 persons in memory, and two runs fill the same database.
 */
import { newPerson, type Person, type PersonKind } from '../domain/person';
import type { BankAccount } from '../domain/person';

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
  hex[16] = '89ab'[Math.floor(r() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const FEMALE = [
  'Anna',
  'Maria',
  'Ursula',
  'Monika',
  'Petra',
  'Sabine',
  'Andrea',
  'Julia',
  'Katharina',
  'Stefanie',
  'Claudia',
  'Susanne',
  'Laura',
  'Lena',
  'Sophie',
  'Lea',
  'Hannah',
  'Emma',
  'Mia',
  'Birgit',
  'Heike',
  'Nicole',
  'Christina',
  'Sandra',
  'Jana',
  'Gisela',
  'Renate',
  'Ingrid',
  'Jutta',
  'Karin',
  'Elke',
  'Franziska',
  'Jasmin',
  'Özlem',
  'Agnieszka',
];
const MALE = [
  'Peter',
  'Michael',
  'Thomas',
  'Andreas',
  'Wolfgang',
  'Klaus',
  'Jürgen',
  'Stefan',
  'Christian',
  'Frank',
  'Markus',
  'Martin',
  'Uwe',
  'Matthias',
  'Alexander',
  'Tobias',
  'Jan',
  'Lukas',
  'Felix',
  'Jonas',
  'Leon',
  'Paul',
  'Maximilian',
  'Sebastian',
  'Daniel',
  'Dieter',
  'Günter',
  'Horst',
  'Bernd',
  'Ralf',
  'Sven',
  'Jörg',
  'Mehmet',
  'Paweł',
  'Dimitrios',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Mayer',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lang',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Schubert',
  'Vogel',
  'Friedrich',
  'Keller',
  'Günther',
  'Frank',
  'Berger',
  'Winkler',
  'Roth',
  'Beck',
  'Lorenz',
  'Baumann',
  'Franke',
  'Albrecht',
  'Schuster',
  'Simon',
  'Ludwig',
  'Böhm',
  'Winter',
  'Kraus',
  'Martin',
  'Schumacher',
  'Krämer',
  'Vogt',
  'Stein',
  'Jäger',
  'Otto',
  'Sommer',
  'Groß',
  'Seidel',
  'Heinrich',
  'Brandt',
  'Haas',
  'Schreiber',
  'Graf',
  'Schulte',
  'Dietrich',
  'Ziegler',
  'Kuhn',
  'Kühn',
  'Pohl',
  'Engel',
  'Horn',
  'Busch',
  'Bergmann',
  'Thomas',
  'Voigt',
  'Sauer',
  'Arnold',
  'Wolff',
  'Pfeiffer',
  'Yılmaz',
  'Kowalski',
  'Nowak',
  'Papadopoulos',
  'Zech',
];
/** City, postal code prefix (the rest is random digits) and phone area code. */
const CITIES: readonly [string, string, string][] = [
  ['Berlin', '10', '030'],
  ['Hamburg', '20', '040'],
  ['München', '80', '089'],
  ['Köln', '50', '0221'],
  ['Frankfurt am Main', '60', '069'],
  ['Stuttgart', '70', '0711'],
  ['Düsseldorf', '40', '0211'],
  ['Leipzig', '04', '0341'],
  ['Dortmund', '44', '0231'],
  ['Essen', '45', '0201'],
  ['Bremen', '28', '0421'],
  ['Dresden', '01', '0351'],
  ['Hannover', '30', '0511'],
  ['Nürnberg', '90', '0911'],
  ['Duisburg', '47', '0203'],
  ['Bochum', '44', '0234'],
  ['Wuppertal', '42', '0202'],
  ['Bielefeld', '33', '0521'],
  ['Bonn', '53', '0228'],
  ['Münster', '48', '0251'],
  ['Karlsruhe', '76', '0721'],
  ['Mannheim', '68', '0621'],
  ['Augsburg', '86', '0821'],
  ['Wiesbaden', '65', '0611'],
  ['Mönchengladbach', '41', '02161'],
  ['Gelsenkirchen', '45', '0209'],
  ['Aachen', '52', '0241'],
  ['Braunschweig', '38', '0531'],
  ['Kiel', '24', '0431'],
  ['Chemnitz', '09', '0371'],
  ['Halle (Saale)', '06', '0345'],
  ['Magdeburg', '39', '0391'],
  ['Freiburg im Breisgau', '79', '0761'],
  ['Krefeld', '47', '02151'],
  ['Mainz', '55', '06131'],
  ['Lübeck', '23', '0451'],
  ['Erfurt', '99', '0361'],
  ['Rostock', '18', '0381'],
  ['Kassel', '34', '0561'],
  ['Oberhausen', '46', '0208'],
  ['Bad Tölz', '83', '08041'],
  ['Görlitz', '02', '03581'],
  ['Schwäbisch Hall', '74', '0791'],
  ['Neustadt an der Weinstraße', '67', '06321'],
];
const STREETS = [
  'Hauptstraße',
  'Schulstraße',
  'Gartenstraße',
  'Bahnhofstraße',
  'Dorfstraße',
  'Bergstraße',
  'Birkenweg',
  'Lindenstraße',
  'Kirchstraße',
  'Waldstraße',
  'Ringstraße',
  'Schillerstraße',
  'Goethestraße',
  'Am Markt',
  'Friedrichstraße',
  'Mühlenweg',
  'Rosenstraße',
  'Königsallee',
  'Jahnstraße',
  'Wiesenweg',
  'Talstraße',
  'Poststraße',
  'Feldstraße',
  'Am Sportplatz',
  'Buchenweg',
];
const COMPANY_WORDS = [
  'Müller',
  'Schmidt',
  'Nord',
  'Süd',
  'Rhein',
  'Elbe',
  'Alpen',
  'Hansa',
  'Techno',
  'Bau',
  'Holz',
  'Metall',
  'Glas',
  'Druck',
  'Logistik',
  'Elektro',
  'Sanitär',
  'Garten',
  'Medien',
  'Consult',
];
const COMPANY_FORMS = [
  'GmbH',
  'GmbH & Co. KG',
  'AG',
  'KG',
  'e. K.',
  'OHG',
  'UG (haftungsbeschränkt)',
  'Partnerschaft mbB',
];
const POSITIONS = [
  'Geschäftsführer',
  'Einkauf',
  'Vertrieb',
  'Buchhaltung',
  'Projektleitung',
  'Assistenz der Geschäftsleitung',
  'Technik',
  'Inhaber',
];
const MAIL_HOSTS = [
  'web.de',
  'gmx.de',
  't-online.de',
  'gmail.com',
  'posteo.de',
  'outlook.de',
  'freenet.de',
  'mailbox.org',
];
const NOTES = [
  'Bitte nur vormittags anrufen.',
  'Kontakt über Messe 2023.',
  'Bevorzugt Kontakt per E-Mail.',
  'Ansprechpartner für Rahmenvertrag.',
  'Rückruf erbeten.',
];
const BANKS: readonly [string, string][] = [
  ['10070000', 'DEUTDEBBXXX'],
  ['37040044', 'COBADEFFXXX'],
  ['50010517', 'INGDDEFFXXX'],
  ['43060967', 'GENODEM1GLS'],
  ['70150000', 'SSKMDEMMXXX'],
];

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
