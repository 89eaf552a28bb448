/**
 * What the notice informing a person (Art. 13/14) is made from: the person, their purpose, the
 * controller, the retention settings, and who receives the book's data (the recipients and
 * processors of Einstellungen, the sync server's operator chosen among them).
 */
import type { Purpose } from '../../domain/purpose';
import type { Recipient } from '../../domain/recipients';
import type { Controller, PrivacySettings } from '../../domain/settings';
import type { ConsentbookDB, StoredPerson } from '../db';
import { storedPerson } from './persons';
import { readRecipients, readSyncOperatorId } from './recipients';
import { readController, readPrivacySettings, readSyncServer } from './settings';

export interface InformationNoticeData {
  person: StoredPerson;
  purpose: Purpose | null;
  controller: Controller;
  privacy: PrivacySettings;
  recipients: Recipient[];
  syncServer: string | null;
  /** The entry chosen as the sync server's operator ('' none). */
  syncOperatorId: string;
}

export async function collectInformationNotice(db: ConsentbookDB, personId: string): Promise<InformationNoticeData> {
  const person = await storedPerson(db, personId);
  const [purpose, controller, privacy, recipients, syncServer, syncOperatorId] = await Promise.all([
    person.purposeId ? db.purposes.get(person.purposeId) : undefined,
    readController(db),
    readPrivacySettings(db),
    readRecipients(db),
    readSyncServer(db),
    readSyncOperatorId(db),
  ]);
  return { person, purpose: purpose ?? null, controller, privacy, recipients, syncServer, syncOperatorId };
}
