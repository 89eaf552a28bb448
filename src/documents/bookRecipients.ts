/**
 * Who receives the data of the whole book, as the documents name them: the recipients and
 * processors entered in Einstellungen and, once sync is configured, the sync server's operator (a
 * processor: it holds every record, sealed). A processor is a recipient too (Art. 4(9) GDPR), and
 * one outside the EU/EEA is a transfer to a third country (Art. 13(1)(f), Art. 30(1)(e), Art. 44 ff.).
 * The entries are not tied to a purpose, so every activity and every notice names them. Shared by
 * the Verzeichnis (per activity) and the notice (Art. 13/14), so both say the same. Pure.
 */
import type { BookRecipients, Recipient } from '../domain/recipients';
import { t, type Language } from '../i18n/messages';
import type { UncheckedRegister } from '../domain/overview';

export type { BookRecipients };

export const NO_BOOK_RECIPIENTS: BookRecipients = { recipients: [], syncServer: null };

/** Who receives the book's data (Einstellungen and sync), for each activity's recipients and transfers. */
export function bookRecipientsOf(register: Pick<UncheckedRegister, 'recipients' | 'syncProcessor'>): BookRecipients {
  return { recipients: register.recipients, syncServer: register.syncProcessor?.server ?? null };
}

/**
 * The EU and EEA states by their ISO codes and their German, English and own names (lower case,
 * without accents and dots), and the unions themselves: the free-text country field as people fill it.
 */
const EEA = new Set(
  [
    'eu, ewr, eea, europaische union, european union, europaischer wirtschaftsraum, european economic area',
    'at, aut, osterreich, oesterreich, austria',
    'be, bel, belgien, belgium, belgie, belgique',
    'bg, bgr, bulgarien, bulgaria, balgariya, българия',
    'hr, hrv, kroatien, croatia, hrvatska',
    'cy, cyp, zypern, cyprus, kypros, κυπρος',
    'cz, cze, tschechien, tschechische republik, czechia, czech republic, cesko, ceska republika',
    'dk, dnk, danemark, daenemark, denmark, danmark',
    'ee, est, estland, estonia, eesti',
    'fi, fin, finnland, finland, suomi',
    'fr, fra, frankreich, france',
    'de, deu, d, brd, deutschland, germany, bundesrepublik deutschland, federal republic of germany',
    'gr, grc, el, griechenland, greece, hellas, ellada, ελλαδα',
    'hu, hun, ungarn, hungary, magyarorszag',
    'ie, irl, irland, ireland, eire',
    'it, ita, italien, italy, italia',
    'lv, lva, lettland, latvia, latvija',
    'lt, ltu, litauen, lithuania, lietuva',
    'lu, lux, luxemburg, luxembourg, letzebuerg',
    'mt, mlt, malta',
    'nl, nld, niederlande, holland, netherlands, the netherlands, nederland',
    'pl, pol, polen, poland, polska',
    'pt, prt, portugal',
    'ro, rou, rumanien, rumaenien, romania',
    'sk, svk, slowakei, slovakia, slovensko',
    'si, svn, slowenien, slovenia, slovenija',
    'es, esp, spanien, spain, espana',
    'se, swe, schweden, sweden, sverige',
    'is, isl, island, iceland',
    'li, lie, liechtenstein',
    'no, nor, norwegen, norway, norge, noreg',
  ].flatMap((line) => line.split(', ')),
);

/** Lower case, accents and dots off, one space: "Österreich" → "osterreich", "U.S.A." → "usa". */
function normalised(country: string): string {
  return country.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

/** Inside the EU/EEA, outside it (a third country), or not entered. */
export type CountryZone = 'eea' | 'thirdCountry' | 'unknown';

/** Its zone by the whole entry or what comes before a bracket or comma: "Irland (Dublin)", "Deutschland, Frankfurt". */
export function countryZone(country: string): CountryZone {
  const c = normalised(country);
  if (!c) return 'unknown';
  const head = c.split(/[(,;/]/)[0].trim();
  return EEA.has(c) || EEA.has(head) ? 'eea' : 'thirdCountry';
}

/** The book's recipients sorted for the documents: processors (the sync operator last), other recipients, transfers. */
export interface RecipientGroups {
  /** Entered processors by name; the sync operator is apart (`syncServer`). */
  processors: Recipient[];
  /** Entered recipients of their own (a tax adviser, an authority). */
  others: Recipient[];
  syncServer: string | null;
  /** Entries outside the EU/EEA: transfers to a third country. */
  thirdCountry: Recipient[];
  /** Entries without a country: whether they are transfers cannot be told. */
  countryUnknown: Recipient[];
  /** Nobody receives anything: no entry and no sync. */
  none: boolean;
}

export function recipientGroups(book: BookRecipients): RecipientGroups {
  const named = book.recipients.filter((r) => r.name.trim());
  return {
    processors: named.filter((r) => r.role === 'processor'),
    others: named.filter((r) => r.role !== 'processor'),
    syncServer: book.syncServer,
    thirdCountry: named.filter((r) => countryZone(r.country) === 'thirdCountry'),
    countryUnknown: named.filter((r) => countryZone(r.country) === 'unknown'),
    none: named.length === 0 && !book.syncServer,
  };
}

const names = (list: readonly Recipient[]) => list.map((r) => r.name.trim()).join(', ');
const withCountries = (list: readonly Recipient[]) =>
  list.map((r) => `${r.name.trim()} (${r.country.trim()})`).join(', ');

/**
 * The Verzeichnis' row "Empfänger" of one activity (Art. 30(1)(d)): the purpose's own recipients,
 * then the book's processors and the sync operator, then its other recipients; "keine Weitergabe"
 * only when there are none at all.
 */
export function activityRecipientsText(lang: Language, purposeRecipients: string, book: BookRecipients): string {
  const g = recipientGroups(book);
  const processors = [
    ...g.processors.map((r) => r.name.trim()),
    ...(g.syncServer ? [t(lang, 'register.recipients.syncOperator', { server: g.syncServer })] : []),
  ];
  const lines = [
    purposeRecipients.trim(),
    processors.length ? t(lang, 'register.activity.processors', { names: processors.join(', ') }) : '',
    g.others.length ? t(lang, 'register.activity.bookRecipients', { names: names(g.others) }) : '',
  ].filter(Boolean);
  return lines.length ? lines.join('\n') : t(lang, 'register.activity.noRecipients');
}

/**
 * The Verzeichnis' row "Übermittlung in Drittländer" of one activity (Art. 30(1)(e)): what the
 * user noted, every entry outside the EU/EEA, the entries whose country is not entered (to be
 * checked); "keine" only when there is none, and "the data stay on the device" only when nobody
 * receives anything.
 */
export function activityTransfersText(lang: Language, notedTransfers: string, book: BookRecipients): string {
  const g = recipientGroups(book);
  const lines = [
    notedTransfers.trim(),
    g.thirdCountry.length ? t(lang, 'register.activity.thirdCountry', { names: withCountries(g.thirdCountry) }) : '',
    g.countryUnknown.length ? t(lang, 'register.activity.countryUnknown', { names: names(g.countryUnknown) }) : '',
  ].filter(Boolean);
  if (lines.length) return lines.join('\n');
  return t(lang, g.none ? 'register.activity.noTransfers' : 'register.activity.noTransfersKnown');
}

/**
 * The notice's paragraphs on recipients (Art. 13(1)(e), (f), Art. 14(1)(e), (f)): the purpose's
 * recipients, the processors, the sync operator, other recipients, a transfer to a third country;
 * "no further recipients" only when there are none at all.
 */
export function noticeRecipientParagraphs(lang: Language, purposeRecipients: string, book: BookRecipients): string[] {
  const g = recipientGroups(book);
  const own = purposeRecipients.trim();
  const paragraphs = [
    own ? t(lang, 'info.recipients', { recipients: own }) : '',
    g.processors.length ? t(lang, 'info.processors', { names: names(g.processors) }) : '',
    g.syncServer ? t(lang, 'info.syncOperator', { server: g.syncServer }) : '',
    g.others.length ? t(lang, 'info.bookRecipients', { names: names(g.others) }) : '',
    g.thirdCountry.length ? t(lang, 'info.transfer', { names: withCountries(g.thirdCountry) }) : '',
  ].filter(Boolean);
  return paragraphs.length ? paragraphs : [t(lang, 'info.recipientsNone')];
}
