/**
 * Who receives the data of the whole book, as the documents name them: the recipients and
 * processors entered in Einstellungen and, once sync is configured, the sync server's operator (a
 * processor: it holds every record, sealed) — the entry an administrator chose, with its name and
 * contract, or the server's address alone while none is chosen. A processor is a recipient too (Art. 4(9) GDPR), and
 * one outside the EU/EEA is a transfer to a third country (Art. 13(1)(f), Art. 30(1)(e), Art. 44 ff.),
 * named with what it rests on (an adequacy decision, the safeguards of Art. 46/47, Art. 49).
 * An entry narrowed to some purposes is named only where their data is (recipients.ts, bookRecipientsFor). Shared by
 * the Verzeichnis (per activity), the notice (Art. 13/14) and the Auskunft (per purpose), so all say the same. Pure.
 */
import { countryZone } from '../domain/countryZone';
import {
  bookRecipientsFor,
  isThirdCountry,
  syncOperatorOf,
  type BookRecipients,
  type Recipient,
} from '../domain/recipients';
import { formatDate } from '../i18n/locale';
import { t, type Language } from '../i18n/messages';
import type { UncheckedRegister } from '../domain/overview';

export type { BookRecipients };

export const NO_BOOK_RECIPIENTS: BookRecipients = { recipients: [], syncServer: null, syncOperatorId: '' };

/** Who receives an activity's data (Einstellungen and sync), for its recipients and transfers. */
export function bookRecipientsOf(
  register: Pick<UncheckedRegister, 'recipients' | 'syncProcessor'>,
  purposeId: string,
): BookRecipients {
  const book = {
    recipients: register.recipients,
    syncServer: register.syncProcessor?.server ?? null,
    syncOperatorId: register.syncProcessor?.operator?.id ?? '',
  };
  return bookRecipientsFor(book, [purposeId]);
}

/** The book's recipients sorted for the documents: processors (the sync operator last), other recipients, transfers. */
export interface RecipientGroups {
  /** Entered processors by name; the sync operator is apart (`syncServer`, `syncOperator`). */
  processors: Recipient[];
  /** Entered recipients of their own (a tax adviser, an authority). */
  others: Recipient[];
  syncServer: string | null;
  /** With sync configured, the entry chosen as the server's operator; null while none is. */
  syncOperator: Recipient | null;
  /** Entries outside the EU/EEA: transfers to a third country. */
  thirdCountry: Recipient[];
  /** Entries without a country: whether they are transfers cannot be told. */
  countryUnknown: Recipient[];
  /** Nobody receives anything: no entry and no sync. */
  none: boolean;
}

export function recipientGroups(book: BookRecipients): RecipientGroups {
  const named = book.recipients.filter((r) => r.name.trim());
  const syncOperator = book.syncServer ? syncOperatorOf(named, book.syncOperatorId) : null;
  return {
    processors: named.filter((r) => r.role === 'processor' && r !== syncOperator),
    others: named.filter((r) => r.role !== 'processor'),
    syncServer: book.syncServer,
    syncOperator,
    thirdCountry: named.filter(isThirdCountry),
    countryUnknown: named.filter((r) => countryZone(r.country) === 'unknown'),
    none: named.length === 0 && !book.syncServer,
  };
}

const names = (list: readonly Recipient[]) => list.map((r) => r.name.trim()).join(', ');
const withCountry = (r: Recipient) => `${r.name.trim()} (${r.country.trim()})`;
const withCountries = (list: readonly Recipient[]) => list.map(withCountry).join(', ');

/** The sync operator as the documents name it: "Hostinghaus GmbH, Betreiber des Sync-Servers …", or the server alone. */
export function syncOperatorLabel(lang: Language, server: string, operator: Recipient | null): string {
  return operator
    ? t(lang, 'register.recipients.syncOperatorNamed', { name: operator.name.trim(), server })
    : t(lang, 'register.recipients.syncOperator', { server });
}

/** The operator's processing contract (Art. 28(3)) as the Verzeichnis and the Auskunft name it. */
function processingContractText(lang: Language, operator: Recipient): string {
  const date = operator.contractDate.trim();
  return date
    ? t(lang, 'register.recipients.processingContractOf', { date: formatDate(lang, date) })
    : t(lang, 'register.recipients.noProcessingContract');
}

/** The sync operator in a list of processors: with its contract once an entry is chosen. */
function syncOperatorItem(lang: Language, g: RecipientGroups): string[] {
  if (!g.syncServer) return [];
  const label = syncOperatorLabel(lang, g.syncServer, g.syncOperator);
  return [g.syncOperator ? `${label} (${processingContractText(lang, g.syncOperator)})` : label];
}

/**
 * What a third-country entry's transfer rests on, as the Verzeichnis names it: "Standardvertragsklauseln
 * (Art. 46 Abs. 2 lit. c DSGVO), Fassung 2021"; "to be checked" for an entry stored before the field
 * existed; '—' for an entry inside the EU/EEA or without a country.
 */
export function transferBasisText(lang: Language, r: Recipient): string {
  if (!isThirdCountry(r)) return '—';
  if (!r.transferBasis) return t(lang, 'register.transferBasis.missing');
  const basis = t(lang, `register.transferBasis.${r.transferBasis}`);
  return r.safeguardsNote.trim() ? `${basis}, ${r.safeguardsNote.trim()}` : basis;
}

/** "Mailer Inc. (USA) – Standardvertragsklauseln (…); Cloud Ltd (Indien) – …": each transfer with its basis. */
const withBases = (lang: Language, list: readonly Recipient[]) =>
  list.map((r) => `${withCountry(r)} – ${transferBasisText(lang, r)}`).join('; ');

/**
 * The book's part of an activity's transfers (Art. 30(1)(e)): the entries outside the EU/EEA with
 * their basis, then those whose country is not entered (to be checked). [] when there are none.
 */
export function bookTransferLines(lang: Language, book: BookRecipients): string[] {
  const g = recipientGroups(book);
  return [
    g.thirdCountry.length ? t(lang, 'register.activity.thirdCountry', { names: withBases(lang, g.thirdCountry) }) : '',
    g.countryUnknown.length ? t(lang, 'register.activity.countryUnknown', { names: names(g.countryUnknown) }) : '',
  ].filter(Boolean);
}

/**
 * A purpose's recipients as a document's cell: its own, then the book's processors and the sync
 * operator, then the book's other recipients (`othersKey`: how the document names those); "keine
 * Weitergabe" only when there are none at all.
 */
function recipientsText(
  lang: Language,
  purposeRecipients: string,
  book: BookRecipients,
  othersKey: 'register.activity.bookRecipients' | 'report.purpose.bookRecipients',
): string {
  const g = recipientGroups(book);
  const processors = [...g.processors.map((r) => r.name.trim()), ...syncOperatorItem(lang, g)];
  const lines = [
    purposeRecipients.trim(),
    processors.length ? t(lang, 'register.activity.processors', { names: processors.join(', ') }) : '',
    g.others.length ? t(lang, othersKey, { names: names(g.others) }) : '',
  ].filter(Boolean);
  return lines.length ? lines.join('\n') : t(lang, 'register.activity.noRecipients');
}

/**
 * Who receives a purpose's data, as a consent request names them (Art. 7, 13(1)(e)): the purpose's
 * own recipients, the processors and other recipients of the book that receive its data, and the
 * sync server's operator — one line of names; '' when nobody does.
 */
export function recipientNames(lang: Language, purposeRecipients: string, book: BookRecipients): string {
  const g = recipientGroups(book);
  const server = g.syncServer ? [syncOperatorLabel(lang, g.syncServer, g.syncOperator)] : [];
  return [purposeRecipients.trim(), ...[...g.processors, ...g.others].map((r) => r.name.trim()), ...server]
    .filter(Boolean)
    .join(', ');
}

/**
 * The Verzeichnis' row "Empfänger" of one activity (Art. 30(1)(d)); the other recipients point to
 * its section 3, which lists each with role, country and contract.
 */
export function activityRecipientsText(lang: Language, purposeRecipients: string, book: BookRecipients): string {
  return recipientsText(lang, purposeRecipients, book, 'register.activity.bookRecipients');
}

/**
 * The Auskunft's recipients of one purpose (Art. 15(1)(c)), as the Verzeichnis names them except
 * the other recipients: the Auskunft has no list of them to point to, so they are named as further ones.
 */
export function accessRecipientsText(lang: Language, purposeRecipients: string, book: BookRecipients): string {
  return recipientsText(lang, purposeRecipients, book, 'report.purpose.bookRecipients');
}

/**
 * The Verzeichnis' row "Übermittlung in Drittländer" of one activity (Art. 30(1)(e)): what the
 * user noted, every entry outside the EU/EEA, the entries whose country is not entered (to be
 * checked); "keine" only when there is none, and "the data stay on the device" only when nobody
 * receives anything.
 */
export function activityTransfersText(lang: Language, notedTransfers: string, book: BookRecipients): string {
  const lines = [notedTransfers.trim(), ...bookTransferLines(lang, book)].filter(Boolean);
  if (lines.length) return lines.join('\n');
  return t(lang, recipientGroups(book).none ? 'register.activity.noTransfers' : 'register.activity.noTransfersKnown');
}

/**
 * The Auskunft's part on transfers (Art. 15(2)): each third-country entry with its basis, and where
 * the basis is a document (clauses, binding rules) that a copy is to be had; '' when there is none.
 */
export function accessTransfersText(lang: Language, book: BookRecipients): string {
  const { thirdCountry } = recipientGroups(book);
  if (!thirdCountry.length) return '';
  const copy = thirdCountry.some((r) => r.transferBasis === 'sccs' || r.transferBasis === 'bcr');
  return [
    t(lang, 'register.activity.thirdCountry', { names: withBases(lang, thirdCountry) }),
    copy ? t(lang, 'report.purpose.transferCopy') : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The sync server and who operates it for us, with the contract's date once one is recorded. */
function noticeSyncOperator(lang: Language, server: string, operator: Recipient | null): string {
  if (!operator) return t(lang, 'info.syncOperator', { server });
  const named = t(lang, 'info.syncOperatorNamed', { server, name: operator.name.trim() });
  const date = operator.contractDate.trim();
  return date ? `${named} ${t(lang, 'info.syncOperatorContract', { date: formatDate(lang, date) })}` : named;
}

/** One third-country entry in the notice: the adequacy decision or its absence, the safeguards, a copy (Art. 13(1)(f)). */
function noticeTransfer(lang: Language, r: Recipient): string {
  const text = t(lang, `info.transfer.${r.transferBasis || 'missing'}`, { recipient: withCountry(r) });
  const note = r.safeguardsNote.trim().replace(/[.\s]+$/, '');
  return r.transferBasis && note ? `${text} ${t(lang, 'info.transfer.note', { note })}` : text;
}

/**
 * The notice's paragraphs on recipients (Art. 13(1)(e), (f), Art. 14(1)(e), (f)): the purpose's
 * recipients, the processors, the sync operator, other recipients, a transfer to a third country
 * with what it rests on for each entry;
 * "no further recipients" only when there are none at all.
 */
export function noticeRecipientParagraphs(lang: Language, purposeRecipients: string, book: BookRecipients): string[] {
  const g = recipientGroups(book);
  const own = purposeRecipients.trim();
  const paragraphs = [
    own ? t(lang, 'info.recipients', { recipients: own }) : '',
    g.processors.length ? t(lang, 'info.processors', { names: names(g.processors) }) : '',
    g.syncServer ? noticeSyncOperator(lang, g.syncServer, g.syncOperator) : '',
    g.others.length ? t(lang, 'info.bookRecipients', { names: names(g.others) }) : '',
    g.thirdCountry.length ? t(lang, 'info.transfer', { names: withCountries(g.thirdCountry) }) : '',
    ...g.thirdCountry.map((r) => noticeTransfer(lang, r)),
  ].filter(Boolean);
  return paragraphs.length ? paragraphs : [t(lang, 'info.recipientsNone')];
}
