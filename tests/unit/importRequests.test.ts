/**
 * What an import asks of IndexedDB (README "What makes the write paths fast", the import): records
 * and requests per table, counted below every layer; no timings. New persons' key secrets are added
 * without reading first; chunks are under way two at a time, chained in the order issued.
 */
import { describe, expect, it } from 'vitest';
import { importPersons, openDatabase, signIn, verifyAuditLog } from '../../src/data';
import { UNDER_WAY } from '../../src/data/commands/importPersons';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, freshDb, PASSPHRASE, tableSpy } from './helpers';

const reason = { purposeId: 'purpose-contract', comment: 'Messekontakte' };

interface Counts {
  /** Keys read per table (get, getMany). */
  read: Map<string, number>;
  /** Records written per table and request type ("persons add"). */
  written: Map<string, number>;
  events: string[];
}

/** Counts every read and write as it reaches IndexedDB (below sealing). */
function counter(counts: Counts) {
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  return tableSpy('test-counter', -10, (table, name) => ({
    get(req) {
      add(counts.read, name, 1);
      return table.get(req);
    },
    getMany(req) {
      add(counts.read, name, req.keys.length);
      return table.getMany(req);
    },
    query(req) {
      add(counts.read, req.values ? name : `${name} keys`, 1);
      return table.query(req);
    },
    mutate(req) {
      const n = 'values' in req ? req.values.length : 'keys' in req ? req.keys.length : 1;
      add(counts.written, `${name} ${req.type}`, n);
      counts.events.push(`issue ${name}`);
      return table.mutate(req).then((res) => {
        counts.events.push(`done ${name}`);
        return res;
      });
    },
  }));
}

async function counted() {
  const { db } = await freshDb();
  const counts: Counts = { read: new Map(), written: new Map(), events: [] };
  const tab = openDatabase(db.name).use(counter(counts));
  const session = await signIn(tab, 'admin', PASSPHRASE);
  counts.read.clear();
  counts.written.clear();
  counts.events.length = 0;
  return { db: tab, session, counts };
}

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => newPerson('contact', { firstName: `V${i}`, lastName: `N${i}` }));

describe('an import of new persons', () => {
  it('writes a record per person to persons, the key secrets, a log segment and the head once per chunk, and reads no key secret', async () => {
    const { db, session, counts } = await counted();
    await importPersons(db, session, { fileName: 'k.vcf', persons: people(250) }, reason);
    expect(Object.fromEntries(counts.written)).toEqual({
      'persons add': 250,
      // The chunk's secrets as one record (core/personSecrets.ts).
      'personKeyGroups add': 5,
      // The chunk's entries as one segment (domain/auditSegment.ts), and the chain's head: once per chunk of 50.
      'auditSegments add': 5,
      'settings put': 5,
    });
    expect(counts.read.get('personKeys') ?? 0).toBe(0);
    expect(counts.read.get('personKeyGroups') ?? 0).toBe(0);
    // Whether a secret of its own is stored under a new id: the chunk's key range, keys only.
    expect(counts.read.get('personKeys keys')).toBe(5);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 250 });
    db.close();
  });

  it('has the next chunks under way while the ones before are written, chained in the file’s order', async () => {
    const { db, session, counts } = await counted();
    await importPersons(db, session, { fileName: 'k.vcf', persons: people(500) }, reason);
    // Chunks issued whose entries are not appended yet: the first alone, then UNDER_WAY at most
    // (500 persons are 10 chunks: enough to fill it).
    let open = 0;
    let most = 0;
    for (const e of counts.events) {
      if (e === 'issue persons') most = Math.max(most, ++open);
      if (e === 'done auditSegments') open--;
    }
    expect(most).toBe(UNDER_WAY);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 500 });
    // The log names the persons in the file's order, whichever chunk's rules finished first.
    const segments = await rawConnection(db).auditSegments.orderBy('seq').toArray();
    const logged = await db.persons.bulkGet(segments.flatMap((s) => s.entries.map((e) => e.personId)));
    expect(logged.map((p) => p?.firstName)).toEqual(people(500).map((p) => p.firstName));
    db.close();
  });

  it('stores nothing when a key secret is stored under a new person’s id already, and keeps that secret', async () => {
    const { db, admin } = await freshDb();
    const secret = { personId: 'p-taken', secret: new Uint8Array(32).fill(7) };
    await rawConnection(db).personKeys.put(secret);
    const persons = [...people(150), newPerson('contact', { id: 'p-taken', lastName: 'Vergeben' })];
    await expect(importPersons(db, admin, { fileName: 'k.vcf', persons }, reason)).rejects.toThrow();
    expect(await rawConnection(db).persons.count()).toBe(0);
    expect(await rawConnection(db).personKeys.count()).toBe(1);
    expect((await rawConnection(db).personKeys.get('p-taken'))?.secret).toEqual(secret.secret);
    // The secret made for the import is not kept in memory either: the stored one is the person's.
    expect(db.keyring.hasPerson('p-taken')).toBe(false);
  });

  it('finds it too when the chunk’s ids span many stored secrets (each id read instead of the range)', async () => {
    const { db, admin } = await freshDb();
    const raw = rawConnection(db);
    // 250 secrets between the batch's ids and the given one: more than four times the chunk.
    await raw.personKeys.bulkPut(
      Array.from({ length: 250 }, (_, i) => ({
        personId: `m-${String(i).padStart(3, '0')}`,
        secret: new Uint8Array(32),
      })),
    );
    await raw.personKeys.put({ personId: 'p-taken', secret: new Uint8Array(32).fill(7) });
    const persons = [...people(49), newPerson('contact', { id: 'p-taken', lastName: 'Vergeben' })];
    await expect(importPersons(db, admin, { fileName: 'k.vcf', persons }, reason)).rejects.toThrow();
    expect(await raw.persons.count()).toBe(0);
    expect(await raw.personKeyGroups.count()).toBe(0);
    expect((await raw.personKeys.get('p-taken'))?.secret).toEqual(new Uint8Array(32).fill(7));
  });
});

describe('writes under way together in one transaction', () => {
  it('are chained in the order issued, not the order their rules finish', async () => {
    const { db, admin } = await freshDb();
    const many = Array.from({ length: 30 }, (_, i) => anna({ id: `p-many-${i}`, lastName: `Viele${i}` }));
    const one = anna({ id: 'p-one', lastName: 'Einzeln' });
    await writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], async () => {
      // The single person's rules finish first; its entry still follows the thirty.
      await Promise.all([db.persons.bulkAdd(many), db.persons.add(one)]);
    });
    const log = await db.auditLog.orderBy('seq').toArray();
    expect(log.map((e) => e.personId)).toEqual([...many.map((p) => p.id), one.id]);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});
