/** Shared test fixtures: a fresh database with its administrator signed in. */
import { openDatabase, setupAdministrator, updateController, type ConsentbookDB, type Session } from '../../src/data';
import { newPerson, type Person } from '../../src/domain/person';
import { rawConnection } from '../../src/data/db';
import { loadPersonSecrets } from '../../src/data/directory/bulkRead';
import { openBuckets, type OpenedBucket } from '../../src/data/directory/buckets';
import { toJsonBytes } from '../../src/data/core/crypto/json';
import { aadOf, seal } from '../../src/data/core/crypto/seal';

let counter = 0;

export async function freshDb(): Promise<{ db: ConsentbookDB; admin: Session }> {
  const db = openDatabase(`test-${++counter}-${Math.random().toString(36).slice(2)}`);
  const admin = await setupAdministrator(db, {
    name: 'admin',
    staffNumber: 'P-001',
    passphrase: 'correct horse battery',
  });
  return { db, admin };
}

export const CONTRACT = { purposeId: 'purpose-contract', comment: 'Vertrag geschlossen' };

export function anna(extra: Partial<Person> = {}): Person {
  return newPerson('contact', {
    id: crypto.randomUUID(),
    salutation: 'Frau',
    firstName: 'Anna',
    lastName: 'Zimmermann',
    street: 'Lindenweg 7',
    postalCode: '50667',
    city: 'Köln',
    email: 'anna.zimmermann@example.org',
    phone: '+49 221 5550101',
    ...extra,
  });
}

/** The directory's stored buckets, opened as the directory opens them at sign-in (either format). */
export async function storedDirectory(db: ConsentbookDB): Promise<OpenedBucket[]> {
  const stored = await rawConnection(db).directory.toArray();
  return openBuckets(db.keyring, stored, (ids) => loadPersonSecrets(db, ids));
}

/** A bucket as versions before format 2 wrote it: every entry readable under the record key alone. */
export function formatOneBucket(db: ConsentbookDB, bucket: Omit<OpenedBucket, 'format'>) {
  const { bucket: key, ...content } = bucket;
  return { bucket: key, sealed: seal(db.keyring.recordKey(), toJsonBytes(content), aadOf('directory', key)) };
}

/** Documents are refused without a controller (issue 16, item 5): tests that make them enter one first. */
export async function enterController(db: ConsentbookDB, admin: Session): Promise<void> {
  await updateController(db, admin, {
    name: 'Muster Haustechnik GmbH',
    street: 'Industriestraße 12',
    postalCode: '80331',
    city: 'München',
    country: 'Deutschland',
    email: 'datenschutz@muster-haustechnik.de',
    phone: '',
    dataProtectionOfficer: '',
  });
}
