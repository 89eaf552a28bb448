/** Shared test fixtures: a fresh database with its administrator signed in. */
import { openDatabase, setupAdministrator, type ConsentbookDB, type Session } from '../../src/data';
import { newPerson, type Person } from '../../src/domain/person';

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
