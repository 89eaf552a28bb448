/**
 * Datenübertragbarkeit (Art. 20 DSGVO): a person's data as JSON following the schemas published
 * in public/schema/ (the CSV and vCard renderings live in csv/write.ts and vcard/write.ts).
 * Pure: data in, strings out.
 */
import type { Consent, ConsentEvidence } from '../domain/consent';
import { normaliseCode } from '../domain/diff';
import { isNaturalPerson, type Person, type PersonalData } from '../domain/person';
import { statedInterest, type LawfulBasis, type Purpose } from '../domain/purpose';
import type { BusinessTransaction, TransactionKind } from '../domain/transaction';

export interface PortabilityData {
  exportedAt: string;
  person: Person;
  /** The purposes of that person (assigned and consented). */
  purposes: Purpose[];
  consents: Consent[];
  transactions: BusinessTransaction[];
}

export const PERSON_EXPORT_FORMAT = 'consentbook-person-export';
export const DATABASE_EXPORT_FORMAT = 'consentbook-export';
/**
 * 3: each purpose carries its `legitimateInterest` (Art. 6(1)(f); '' on another basis).
 * 2: `private` says what the form shows — true for every contact (Ansprechpartner, always a natural
 * person); 1 wrote the stored box, which a contact does not choose (mostly false). The published
 * schemas describe this version.
 */
export const EXPORT_FORMAT_VERSION = 3;
export const PERSON_EXPORT_SCHEMA_URL = 'https://consentbook.local/schema/consentbook-person-export.schema.json';
export const DATABASE_EXPORT_SCHEMA_URL = 'https://consentbook.local/schema/consentbook-export.schema.json';

/** One person's record as exported: the data about them, without internal index fields. */
export interface PersonExportEntry {
  /** The person's own fields (the published schema lists them); the lock as `restricted`. */
  person: PersonalData &
    Pick<
      Person,
      | 'id'
      | 'kind'
      | 'private'
      | 'organisation'
      | 'position'
      | 'note'
      | 'purposeId'
      | 'source'
      | 'createdAt'
      | 'updatedAt'
    > & {
      restricted: { at: string; reason: string } | null;
    };
  purposes: {
    id: string;
    name: string;
    lawfulBasis: LawfulBasis;
    /** Basis f: the legitimate interest pursued (Art. 13(1)(d)); '' on another basis or not stated yet. */
    legitimateInterest: string;
    recipients: string;
    retentionYears: number;
    retentionBasis: string;
  }[];
  consents: {
    id: string;
    purposeIds: string[];
    status: 'given' | 'withdrawn';
    givenAt: string;
    channel: Consent['channel'];
    channelNote: string;
    text: string;
    evidence: ExportedEvidence;
    withdrawnAt: string | null;
    withdrawalEvidence: ExportedEvidence | null;
  }[];
  transactions: { id: string; kind: TransactionKind; date: string; title: string; attachmentName: string | null }[];
}

/** Evidence without internal file ids: those mean nothing to another controller. */
type ExportedEvidence =
  | { type: 'file'; fileName: string; mimeType: string; size: number }
  | { type: 'transaction'; transactionId: string }
  | { type: 'none'; note: string };

export interface PersonExportDocument extends PersonExportEntry {
  $schema: string;
  format: typeof PERSON_EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
}

/** Data of the person only: derived index fields, the version counter and other people's ids stay out. */
export function toPersonExportEntry({
  person: p,
  purposes,
  consents,
  transactions,
}: Omit<PortabilityData, 'exportedAt'>): PersonExportEntry {
  return {
    person: {
      id: p.id,
      kind: p.kind,
      // What the domain means, as the form shows the box: a contact's stored one is not a choice.
      private: isNaturalPerson(p),
      salutation: p.salutation,
      title: p.title,
      firstName: p.firstName,
      lastName: p.lastName,
      street: p.street,
      postalCode: p.postalCode,
      city: p.city,
      country: p.country,
      phone: p.phone,
      furtherPhones: [...p.furtherPhones],
      fax: p.fax,
      email: p.email,
      // IBAN and BIC in their electronic form (ISO 13616, ISO 9362): no spaces, capitals — what the
      // schema's 34 and 11 characters describe and another controller's system reads; the user's
      // spacing ("DE89 3704 …") is display only (validation and comparison ignore it too).
      bankAccounts: p.bankAccounts.map((b) => ({
        iban: normaliseCode(b.iban),
        bic: normaliseCode(b.bic),
        holder: b.holder,
      })),
      organisation: p.organisation,
      position: p.position,
      note: p.note,
      purposeId: p.purposeId,
      // The lock's user id is internal; the fact, date and reason are the person's business.
      restricted: p.lock ? { at: p.lock.at, reason: p.lock.reason } : null,
      source: p.source,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    },
    purposes: purposes.map((x) => ({
      id: x.id,
      name: x.name,
      lawfulBasis: x.lawfulBasis,
      legitimateInterest: statedInterest(x),
      recipients: x.recipients,
      retentionYears: x.retention.years,
      retentionBasis: x.retention.basis,
    })),
    consents: consents.map((c) => ({
      id: c.id,
      purposeIds: [...c.purposeIds],
      status: c.status,
      givenAt: c.givenAt,
      channel: c.channel,
      channelNote: c.channelNote,
      text: c.text,
      evidence: exportEvidence(c.evidence),
      withdrawnAt: c.withdrawnAt,
      withdrawalEvidence: c.withdrawalEvidence ? exportEvidence(c.withdrawalEvidence) : null,
    })),
    transactions: transactions.map((tx) => ({
      id: tx.id,
      kind: tx.kind,
      date: tx.date,
      title: tx.title,
      attachmentName: tx.attachment?.fileName ?? null,
    })),
  };
}

function exportEvidence(e: ConsentEvidence): ExportedEvidence {
  switch (e.type) {
    case 'file':
      return { type: 'file', fileName: e.fileName, mimeType: e.mimeType, size: e.size };
    case 'transaction':
      return { type: 'transaction', transactionId: e.transactionId };
    case 'none':
      return { type: 'none', note: e.note };
  }
}

/** One person as a JSON document following consentbook-person-export.schema.json. */
export function exportPersonJson(data: PortabilityData): string {
  const doc: PersonExportDocument = {
    $schema: PERSON_EXPORT_SCHEMA_URL,
    format: PERSON_EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: data.exportedAt,
    ...toPersonExportEntry(data),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The whole-database export's opening, up to its list of persons (consentbook-export.schema.json). */
export function databaseExportHead(exportedAt: string): string {
  return `{"$schema":${JSON.stringify(DATABASE_EXPORT_SCHEMA_URL)},"format":${JSON.stringify(DATABASE_EXPORT_FORMAT)},"formatVersion":${EXPORT_FORMAT_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"persons":[`;
}

export const DATABASE_EXPORT_TAIL = '\n]}\n';

/** One person of the whole-database export, with the separator before it (none before the first). */
export function databaseExportEntry(data: Omit<PortabilityData, 'exportedAt'>, first: boolean): string {
  return `${first ? '\n' : ',\n'}${JSON.stringify(toPersonExportEntry(data))}`;
}

/** A page of the whole database: persons, and their consents and transactions, opened. */
export interface PortabilityPage {
  persons: readonly Person[];
  consents: readonly Consent[];
  /** Each once, in the order the page's persons' ids give them (a person's stay in this order). */
  transactions: readonly BusinessTransaction[];
}

/**
 * A page's persons with their records, in order: each person's consents and transactions in the
 * page's order, the purposes they are assigned or consented to (those known).
 */
export function pageRecordSets(
  page: PortabilityPage,
  purposes: ReadonlyMap<string, Purpose>,
): Omit<PortabilityData, 'exportedAt'>[] {
  const consentsOf = groupBy(page.consents, (c) => [c.personId]);
  const transactionsOf = groupBy(page.transactions, (t) => t.personIds);
  return page.persons.map((person) => {
    const consents = consentsOf.get(person.id) ?? [];
    const ids = new Set([person.purposeId, ...consents.flatMap((c) => c.purposeIds)].filter(Boolean));
    return {
      person,
      purposes: [...ids].map((id) => purposes.get(id)).filter((p): p is Purpose => !!p),
      consents,
      transactions: transactionsOf.get(person.id) ?? [],
    };
  });
}

/** A page's part of the whole-database export: its persons' entries, one after the other. */
export function databaseExportPage(
  page: PortabilityPage,
  purposes: ReadonlyMap<string, Purpose>,
  first: boolean,
): string {
  return pageRecordSets(page, purposes)
    .map((set, i) => databaseExportEntry(set, first && i === 0))
    .join('');
}

function groupBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items)
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}
