/**
 * What the notice informing a person (Art. 13/14) is made from: the person, their purpose and
 * those they consented to, the
 * controller, the retention settings, and who receives the book's data (the recipients and
 * processors of Einstellungen, the sync server's operator chosen among them).
 */
import { hasValidConsent, purposeIdsProcessedFor } from '../../domain/consent';
import type { Purpose } from '../../domain/purpose';
import type { BookRecipients } from '../../domain/recipients';
import type { Controller, PrivacySettings } from '../../domain/settings';
import type { ConsentbookDB, StoredPerson } from '../db';
import { storedPerson } from './persons';
import { personEntries } from '../core/auditEntries';
import { entriesAsRead } from './audit';
import { readBookRecipients } from './recipients';
import { readController, readPrivacySettings } from './settings';

export interface InformationNoticeData {
  person: StoredPerson;
  /** The person's purpose (first), then those of the consents they gave and did not withdraw. */
  purposes: Purpose[];
  consented: boolean;
  controller: Controller;
  privacy: PrivacySettings;
  /** The entries of Einstellungen, the sync server and its operator. */
  book: BookRecipients;
  /** What was noted with the person's import — where the file came from (Art. 14(2)(f)); '' for none. */
  importNote: string;
}

export async function collectInformationNotice(db: ConsentbookDB, personId: string): Promise<InformationNoticeData> {
  const person = await storedPerson(db, personId);
  const [consents, controller, privacy, book, entries] = await Promise.all([
    db.consents.where('personId').equals(personId).toArray(),
    readController(db),
    readPrivacySettings(db),
    readBookRecipients(db),
    person.source.startsWith('import:') ? personEntries(db, personId) : Promise.resolve([]),
  ]);
  // The last import's comment: an import merged into the person later names where that came from.
  const imports = (await entriesAsRead(db, entries)).filter((e) => e.action === 'import' && !e.textErased);
  const importNote = imports.length ? imports[imports.length - 1].comment.trim() : '';
  const purposes = (await db.purposes.bulkGet(purposeIdsProcessedFor(person, consents))).filter(
    (p): p is Purpose => !!p,
  );
  const consented = hasValidConsent(consents);
  return { person, purposes, consented, controller, privacy, book, importNote };
}
