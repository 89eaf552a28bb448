/** What the notice informing a person (Art. 13/14) is made from: the person, their purpose, the controller, the retention settings. */
import type { Purpose } from '../../domain/purpose';
import type { Controller, PrivacySettings } from '../../domain/settings';
import type { ConsentbookDB, StoredPerson } from '../db';
import { storedPerson } from './persons';
import { readController, readPrivacySettings } from './settings';

export interface InformationNoticeData {
  person: StoredPerson;
  purpose: Purpose | null;
  controller: Controller;
  privacy: PrivacySettings;
}

export async function collectInformationNotice(db: ConsentbookDB, personId: string): Promise<InformationNoticeData> {
  const person = await storedPerson(db, personId);
  const [purpose, controller, privacy] = await Promise.all([
    person.purposeId ? db.purposes.get(person.purposeId) : undefined,
    readController(db),
    readPrivacySettings(db),
  ]);
  return { person, purpose: purpose ?? null, controller, privacy };
}
