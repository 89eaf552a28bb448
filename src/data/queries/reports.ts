/**
 * Gathering what the reports need (Auskunft, portability exports). The reports themselves are
 * pure functions in src/documents and src/formats; this module is their only data source (their issue is logged by
 * commands/documents.ts).
 */
import type { AuditEntry } from '../../domain/audit';
import { readBookRecipients } from './recipients';
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
import { entriesAsRead } from './audit';
import type { ConsentbookDB, StoredPerson } from '../db';
import { RuleError } from '../core/errors';
import { personRetention } from './persons';
import { requirePermission, type Session } from '../core/session';
import { readControllerForDocument } from './settings';
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
  const [set, auditEntries, retention, controller, auditCheckpoint, bookRecipients, campaigns, requests, gdprSupport] =
    await Promise.all([
      recordSet(db, person),
      personEntries(db, personId),
      personRetention(db, personId),
      readControllerForDocument(db),
      readAuditHead(db),
      readBookRecipients(db),
      campaignsOf(db, personId),
      db.requests.where('personId').equals(personId).toArray(),
      readGdprSupport(db),
    ]);
  // The campaigns' purposes by name, though the person may hold none of them (a refusal); those the
  // log names, for the purposes processed for before (an own purpose changed since, Art. 15(1)(c)).
  const known = new Set(set.purposes.map((p) => p.id));
  const named = [...campaigns.flatMap((c) => c.purposeIds), ...auditEntries.map((e) => e.purposeId)];
  const asked = [...new Set(named)].filter((id) => id && !known.has(id));
  const more = asked.length ? (await db.purposes.bulkGet(asked)).filter((p): p is Purpose => !!p) : [];
  return {
    ...set,
    purposes: [...set.purposes, ...more],
    auditEntries: await entriesAsRead(db, auditEntries),
    retention,
    controller,
    auditCheckpoint,
    synced: bookRecipients.syncServer !== null,
    bookRecipients,
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
