/**
 * Gathering what the reports need (Auskunft, portability exports). The reports themselves are
 * pure functions in src/documents and src/formats; this module is their only data source (their issue is logged by
 * commands/documents.ts).
 */
import type { AuditEntry } from '../../domain/audit';
import { readRecipients, readSyncOperatorId } from './recipients';
import type { BookRecipients } from '../../domain/recipients';
import type { Campaign, CampaignMember } from '../../domain/campaign';
import type { DataSubjectRequest } from '../../domain/requests';
import type { ChainHead } from '../../domain/auditChain';
import type { Consent } from '../../domain/consent';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import type { RetentionStatus } from '../../domain/retention';
import type { Controller } from '../../domain/settings';
import type { BusinessTransaction } from '../../domain/transaction';
import { readAuditHead } from './auditIntegrity';
import { withPersonTexts } from './audit';
import type { ConsentbookDB, StoredPerson } from '../db';
import { LinkedRecords, NO_PAGE, readStoredPage, type StoredPage } from './exportPages';
import type { RecordOpener } from '../bulk/openPool';
import { PersonKeyMissingError, RuleError } from '../core/errors';
import type { PortabilityJob } from '../bulk/openRows';
import { loadEveryPersonSecret, loadSecretsOfRows } from '../directory/bulkRead';
import { isSealed } from '../middleware/sealing';
import { databaseExportHead, DATABASE_EXPORT_TAIL } from '../../formats/portability';
import { personRetention } from './persons';
import { requirePermission, type Session } from '../core/session';
import { readControllerForDocument, readSyncServer } from './settings';
import { readGdprSupport } from './gdprSupport';
import type { GdprSupportState } from '../../domain/settings';
import { personEntries } from '../core/auditEntries';

export interface PersonRecordSet {
  person: Person;
  purposes: Purpose[];
  consents: Consent[];
  transactions: BusinessTransaction[];
}

export interface AccessReportData extends PersonRecordSet {
  controller: Controller;
  auditEntries: AuditEntry[];
  retention: RetentionStatus;
  auditCheckpoint: ChainHead | undefined;
  /** The book syncs with a server: erasure reaches its other devices (the Auskunft says how far). */
  synced: boolean;
  /** The campaigns that asked the person for consent, with their answer (consent, refusal, none yet). */
  campaigns: (Pick<Campaign, 'name' | 'createdAt' | 'purposeIds'> & Pick<CampaignMember, 'status' | 'answeredAt'>)[];
  /** The person's own requests (Art. 15–21). */
  requests: DataSubjectRequest[];
  /** GDPR support off: nothing about the person is logged since (the Auskunft must not claim the log). */
  gdprSupport: GdprSupportState;
  /** Who receives the whole book's data: the recipients entered and the sync server. */
  bookRecipients: BookRecipients;
}

/**
 * The campaigns the person is a member of, with their answer. Campaigns have no index by member:
 * all are read (a few dozen at most; each holds its members' ids and answers only).
 */
async function campaignsOf(db: ConsentbookDB, personId: string): Promise<AccessReportData['campaigns']> {
  const campaigns = await db.campaigns.toArray();
  return campaigns.flatMap((c) => {
    const member = c.members.find((m) => m.personId === personId);
    return member
      ? [
          {
            name: c.name,
            createdAt: c.createdAt,
            purposeIds: c.purposeIds,
            status: member.status,
            answeredAt: member.answeredAt,
          },
        ]
      : [];
  });
}

async function recordSet(db: ConsentbookDB, person: StoredPerson): Promise<PersonRecordSet> {
  const [consents, transactions] = await Promise.all([
    db.consents.where('personId').equals(person.id).toArray(),
    db.transactions.where('personIds').equals(person.id).toArray(),
  ]);
  const purposeIds = new Set([person.purposeId, ...consents.flatMap((c) => c.purposeIds)].filter(Boolean));
  const purposes = (await db.purposes.bulkGet([...purposeIds])).filter((p): p is Purpose => !!p);
  return { person: person, purposes, consents, transactions };
}

async function storedPerson(db: ConsentbookDB, personId: string): Promise<StoredPerson> {
  const person = await db.persons.get(personId);
  if (!person) throw new RuleError('error.personMissing', `No person ${personId}`);
  return person;
}

export async function collectAccessReport(
  db: ConsentbookDB,
  session: Session,
  personId: string,
): Promise<AccessReportData> {
  requirePermission(session, 'issueReports');
  const person = await storedPerson(db, personId);
  const [
    set,
    auditEntries,
    retention,
    controller,
    auditCheckpoint,
    server,
    campaigns,
    requests,
    gdprSupport,
    recipients,
    syncOperatorId,
  ] = await Promise.all([
    recordSet(db, person),
    personEntries(db, personId),
    personRetention(db, personId),
    readControllerForDocument(db),
    readAuditHead(db),
    readSyncServer(db),
    campaignsOf(db, personId),
    db.requests.where('personId').equals(personId).toArray(),
    readGdprSupport(db),
    readRecipients(db),
    readSyncOperatorId(db),
  ]);
  // The campaigns' purposes by name, though the person may hold none of them (a refusal).
  const known = new Set(set.purposes.map((p) => p.id));
  const asked = [...new Set(campaigns.flatMap((c) => c.purposeIds))].filter((id) => !known.has(id));
  const more = asked.length ? (await db.purposes.bulkGet(asked)).filter((p): p is Purpose => !!p) : [];
  return {
    ...set,
    purposes: [...set.purposes, ...more],
    auditEntries: await withPersonTexts(db, auditEntries),
    retention,
    controller,
    auditCheckpoint,
    synced: server !== null,
    bookRecipients: { recipients, syncServer: server, syncOperatorId },
    campaigns,
    requests,
    gdprSupport,
  };
}

export async function collectPortability(
  db: ConsentbookDB,
  session: Session,
  personId: string,
): Promise<PersonRecordSet> {
  requirePermission(session, 'issueReports');
  return recordSet(db, await storedPerson(db, personId));
}

/** A part of the whole-database export's file, in order: its text as UTF-8 Blobs, and how many persons they hold. */
export interface ExportPart {
  parts: Blob[];
  persons: number;
}

/**
 * A page handed to the open pool in one share per worker, each share's persons with their key
 * secrets, consents and transactions (in the page's order, a transaction of persons in two shares
 * in both); the workers open and format them, and give back each share's text as UTF-8.
 */
async function formatPage(
  db: ConsentbookDB,
  opener: RecordOpener,
  page: StoredPage,
  purposes: readonly Purpose[],
  first: boolean,
): Promise<ExportPart> {
  const all = page.persons as unknown as Record<string, unknown>[];
  if (all.length === 0) return { parts: [], persons: 0 };
  await loadSecretsOfRows(db, 'persons', all);
  const size = Math.ceil(all.length / Math.min(opener.lanes, all.length));
  const shares: PortabilityJob[] = [];
  for (let at = 0; at < all.length; at += size) {
    const persons = all.slice(at, at + size);
    const ids = new Set(persons.map((p) => String(p.id)));
    const secrets = persons.map((p) => {
      if (!isSealed(p)) return undefined;
      const secret = db.keyring.secretOf(String(p.id));
      if (!secret) throw new PersonKeyMissingError(String(p.id));
      return secret;
    });
    shares.push({
      persons,
      secrets,
      consents: page.consents.filter((c) => ids.has(c.personId)) as unknown as Record<string, unknown>[],
      transactions: page.transactions.filter((t) => t.personIds.some((id) => ids.has(id))) as unknown as Record<
        string,
        unknown
      >[],
      purposes,
      first: first && at === 0,
    });
  }
  return { parts: await opener.portability(shares), persons: all.length };
}

/**
 * The whole database as the export's file (consentbook-export.schema.json), a page at a time, so a
 * whole-database export never holds everything at once. Each page is read as stored
 * (readStoredPage), and opened and formatted in the open pool's workers (bulk/openPool.ts), which
 * give back its text as UTF-8: this thread never holds the persons opened nor their text. Three
 * pages are under way: this one handed to the caller, the next at the workers and the one after
 * read — each page's read starts as soon as the one before it is read, not formatted. Ends early,
 * without the file's end, when cancelled.
 */
export async function* allPortabilityJson(
  db: ConsentbookDB,
  session: Session,
  {
    pageSize = 1000,
    signal,
    exportedAt = new Date().toISOString(),
    linkedInMemory,
  }: {
    pageSize?: number;
    signal?: AbortSignal;
    exportedAt?: string;
    /** Consents and transactions held as stored at most (exportPages.ts; tests set it low). */
    linkedInMemory?: number;
  } = {},
): AsyncGenerator<ExportPart> {
  requirePermission(session, 'issueReports');
  // A cancel ends the wait for the secrets or a page at once (the workers are ended below).
  const cancelled = new Promise<null>((resolve) => {
    if (signal?.aborted) resolve(null);
    signal?.addEventListener('abort', () => resolve(null), { once: true });
  });
  const purposes = await db.purposes.toArray();
  // Every person's secret once, not each page's one by one (bulkRead.ts), and the consents and
  // transactions in primary-key order when they fit (exportPages.ts); a cancel leaves the reads to
  // finish on their own (the keyring keeps what it read, as after any reader).
  const before = Promise.all([loadEveryPersonSecret(db), LinkedRecords.read(db, linkedInMemory)]);
  const read = await Promise.race([before, cancelled]);
  if (read === null) return;
  const linked = read[1];
  const { openPool } = await import('../bulk/openPool');
  const opener = openPool(db);
  const underWay = (stored: Promise<StoredPage>, first: boolean) => {
    const formatted = stored.then((page) => formatPage(db, opener, page, purposes, first));
    // Awaited in turn, or not at all when stopped early: an error surfaces where it is awaited.
    formatted.catch(() => undefined);
    return { stored, formatted };
  };
  const after = (previous: Promise<StoredPage>) =>
    underWay(
      previous.then((page) =>
        page.persons.length < pageSize
          ? NO_PAGE
          : readStoredPage(db, page.persons[page.persons.length - 1].id, pageSize, linked),
      ),
      false,
    );
  let current = underWay(readStoredPage(db, undefined, pageSize, linked), true);
  let next = after(current.stored);
  try {
    yield { parts: [new Blob([databaseExportHead(exportedAt)])], persons: 0 };
    for (;;) {
      const part = await Promise.race([current.formatted, cancelled]);
      if (!part) return;
      if (part.persons === 0) break;
      [current, next] = [next, after(next.stored)];
      yield part;
    }
    yield { parts: [new Blob([DATABASE_EXPORT_TAIL])], persons: 0 };
  } finally {
    opener.close();
  }
}
