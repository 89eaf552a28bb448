/** Shared test fixtures: a fresh database with its administrator signed in. */
import { openDatabase, setupAdministrator, updateController, type ConsentbookDB, type Session } from '../../src/data';
import { newPerson, type Person } from '../../src/domain/person';
import { rawConnection } from '../../src/data/db';
import { loadPersonSecrets } from '../../src/data/directory/bulkRead';
import { openBuckets } from '../../src/data/directory/buckets';
import { entriesOf, packSecrets } from '../../src/data/directory/bucketRows';
import type { DirectoryBucket, DirectoryEntry } from '../../src/data/core/derived';
import { fromJsonBytes, toJsonBytes } from '../../src/data/core/crypto/json';
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

export interface ReadBucket {
  bucket: number;
  /** 3 (the current format), 2, or 1 (JSON: every entry under the record key). */
  format: number;
  entries: DirectoryEntry[];
}

/**
 * Buckets as stored (or copies of them), read as far as the keys in memory allow: the current
 * format as the directory reads it at sign-in, format 1 (every entry under the record key) as it was.
 */
export async function readBuckets(db: ConsentbookDB, stored: DirectoryBucket[]): Promise<ReadBucket[]> {
  const opened = await openBuckets(db.keyring, stored);
  await loadPersonSecrets(
    db,
    opened.flatMap((b) => b.header?.ids ?? []),
  );
  return opened.map(({ bucket, content, header }) => ({
    bucket,
    format: content[0] === FORMAT_ONE ? 1 : content[0],
    entries: header
      ? entriesOf({ content, ...packSecrets(header.ids, (id) => db.keyring.personSecret(id)) })
      : content[0] === FORMAT_ONE
        ? fromJsonBytes<{ entries: DirectoryEntry[] }>(content).entries
        : [],
  }));
}

const FORMAT_ONE = '{'.charCodeAt(0);

/** The directory's stored buckets, read as the directory reads them at sign-in. */
export async function storedDirectory(db: ConsentbookDB): Promise<ReadBucket[]> {
  return readBuckets(db, await rawConnection(db).directory.toArray());
}

/** A bucket as versions before format 2 wrote it: every entry readable under the record key alone. */
export function formatOneBucket(db: ConsentbookDB, bucket: number, entries: object[]) {
  const content = { entries, savedAt: new Date().toISOString() };
  return { bucket, sealed: seal(db.keyring.recordKey(), toJsonBytes(content), aadOf('directory', bucket)) };
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
