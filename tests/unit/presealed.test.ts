/**
 * Persons sealed before their transaction (src/data/middleware/presealed.ts): the sealing
 * middleware takes such a value only when the record the rules hand down is exactly what it was
 * sealed from, and only for a new person, whose key it was sealed under.
 */
import { newInformation } from '../../src/domain/information';
import { describe, expect, it, vi } from 'vitest';
import { importPersons, savePerson } from '../../src/data';
import { rawConnection, type ConsentbookDB, type StoredPerson } from '../../src/data/db';
import { withDerivedFields } from '../../src/data/core/derived';
import {
  AUDIT_TEXTS,
  offerPresealed,
  sameRecord,
  sealedFrom,
  type Presealed,
} from '../../src/data/middleware/presealed';
import { queryAudit, verifyAuditLog } from '../../src/data';
import { presealNewPersons } from '../../src/data/middleware/presealPersons';
import { writeWith } from '../../src/data/write';
import { TableCodec } from '../../src/data/middleware/sealing';
import type { Session } from '../../src/data/core/session';
import { anna, CONTRACT, freshDb } from './helpers';
import { personEntries } from '../../src/data/core/auditEntries';

/** A new person as the rules store it (version 1, the reason's purpose, derived fields). */
function asStored(p: ReturnType<typeof anna>): StoredPerson {
  const now = new Date().toISOString();
  return withDerivedFields({
    ...p,
    purposeId: CONTRACT.purposeId,
    version: 1,
    createdAt: now,
    updatedAt: now,
    changedAt: now,
    information: newInformation(now, 'direct'),
  });
}

async function addWithOffer(db: ConsentbookDB, admin: Session, person: StoredPerson, offered: StoredPerson) {
  const { persons: presealed } = presealNewPersons(db, [offered]);
  await writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], async (tx) => {
    offerPresealed(tx.idbtrans, 'persons', presealed);
    await db.persons.add(person);
  });
  return presealed.get(person.id)!;
}

const storedBytes = async (db: ConsentbookDB, id: string) =>
  ((await rawConnection(db).persons.get(id)) as unknown as { sealed: Uint8Array }).sealed;

describe('presealed persons', () => {
  it('are stored as sealed when the rules store exactly what was sealed', async () => {
    const { db, admin } = await freshDb();
    const person = asStored(anna());
    const offer = await addWithOffer(db, admin, person, person);
    expect(await storedBytes(db, person.id)).toEqual(offer.sealed);
    expect((await db.persons.get(person.id))?.email).toBe(person.email);
    expect((await db.personKeys.get(person.id))?.secret).toEqual(offer.secret!.secret);
  });

  it('are sealed anew when the stored record differs from the offered one', async () => {
    const { db, admin } = await freshDb();
    const person = asStored(anna());
    const offer = await addWithOffer(db, admin, person, { ...person, city: 'Bonn' });
    expect(await storedBytes(db, person.id)).not.toEqual(offer.sealed);
    expect((await db.persons.get(person.id))?.city).toBe('Köln');
  });

  it('are compared with a copy of what was sealed: a nested value changed since counts as a difference', async () => {
    const { db, admin } = await freshDb();
    const person = asStored(anna());
    const { persons: presealed } = presealNewPersons(db, [person]);
    // The same object handed on, a nested value changed after the sealing.
    person.information!.channel = 'email';
    await writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], async (tx) => {
      offerPresealed(tx.idbtrans, 'persons', presealed);
      await db.persons.add(person);
    });
    expect(await storedBytes(db, person.id)).not.toEqual(presealed.get(person.id)!.sealed);
    expect((await db.persons.get(person.id))?.information?.channel).toBe('email');
  });

  it('count as the same record only with nested keys in the same order, equal bytes, and plain data', () => {
    const record = { id: 'p', a: { x: 1, y: [1, 2] }, b: new Uint8Array([1, 2]) };
    expect(sameRecord(record, sealedFrom(record))).toBe(true);
    expect(sameRecord({ b: record.b, a: record.a, id: 'p' }, record)).toBe(true);
    expect(sameRecord({ ...record, a: { y: [1, 2], x: 1 } }, record)).toBe(false);
    expect(sameRecord({ ...record, a: { x: 1, y: [1, 2, 3] } }, record)).toBe(false);
    expect(sameRecord({ ...record, b: new Uint8Array([1, 3]) }, record)).toBe(false);
    expect(sameRecord({ ...record, c: undefined }, record)).toBe(false);
    const at = new Date(0);
    expect(sameRecord({ id: 'p', at }, { id: 'p', at: new Date(0) })).toBe(false);
  });

  it('are never used for a person who already has a key', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const next = { ...stored, city: 'Bonn' };
    const { persons: presealed } = presealNewPersons(db, [{ ...next, version: stored.version + 1 }]);
    await writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], async (tx) => {
      offerPresealed(tx.idbtrans, 'persons', presealed);
      await db.persons.put(next);
    });
    expect(await storedBytes(db, stored.id)).not.toEqual(presealed.get(stored.id)!.sealed);
    expect((await db.persons.get(stored.id))?.city).toBe('Bonn');
  });

  it('make an import of new persons store what was sealed before its transaction', async () => {
    const { db, admin } = await freshDb();
    const persons = [anna({ id: '' }), anna({ id: '', firstName: 'Berta' })];
    // Taken as sealed: no record is split into plain fields and JSON again, nor sealed anew.
    const split = vi.spyOn(TableCodec.prototype, 'split');
    await importPersons(db, admin, { fileName: 'a.vcf', persons }, CONTRACT);
    expect(split).not.toHaveBeenCalled();
    split.mockRestore();
    const stored = await db.persons.toArray();
    expect(stored.map((p) => p.firstName).sort()).toEqual(['Anna', 'Berta']);
    expect(stored.every((p) => p.version === 1 && p.purposeId === CONTRACT.purposeId)).toBe(true);
  });

  it('a cancel while sealing stores nothing', async () => {
    const { db, admin } = await freshDb();
    const cancel = new AbortController();
    const persons = Array.from({ length: 1500 }, (_, i) => anna({ id: '', lastName: `Nr${i}` }));
    const importing = importPersons(
      db,
      admin,
      { fileName: 'a.vcf', persons },
      CONTRACT,
      (done) => {
        if (done > 0) cancel.abort();
      },
      cancel.signal,
    );
    await expect(importing).rejects.toThrow('cancelled');
    expect(await db.persons.count()).toBe(0);
    expect(await db.personKeys.count()).toBe(0);
  });
});

describe('presealed audit texts (the import)', () => {
  const IMPORT = { purposeId: CONTRACT.purposeId, comment: 'Messekontakte' };
  const TEXT = { comment: 'Messekontakte', context: 'import:a.vcf' };

  /** Adds `person` as the import does, with its audit text sealed before the transaction as `text`. */
  async function importOne(db: ConsentbookDB, admin: Session, person: StoredPerson, text: typeof TEXT) {
    const sealed = presealNewPersons(db, [person], text);
    await writeWith(
      db,
      { session: admin, reason: IMPORT, intent: 'import', auditContext: 'import:a.vcf' },
      [db.persons],
      async (tx) => {
        offerPresealed(tx.idbtrans, 'persons', sealed.persons);
        offerPresealed(tx.idbtrans, AUDIT_TEXTS, sealed.auditTexts);
        await db.persons.add(person);
      },
    );
    const [entry] = await personEntries(rawConnection(db), person.id);
    return { offered: sealed.auditTexts.get(person.id)!.sealed, stored: entry.sealedText! };
  }

  it('are stored as sealed when the entry has exactly that text; it opens and the chain verifies', async () => {
    const { db, admin } = await freshDb();
    const person = asStored(anna());
    const { offered, stored } = await importOne(db, admin, person, TEXT);
    expect(stored).toEqual(offered);
    const [entry] = await queryAudit(db, { personId: person.id });
    expect(entry).toMatchObject({ action: 'import', comment: 'Messekontakte', context: 'import:a.vcf' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it("are sealed anew when the entry's text differs", async () => {
    const { db, admin } = await freshDb();
    const person = asStored(anna());
    const { offered, stored } = await importOne(db, admin, person, { ...TEXT, comment: 'Etwas anderes' });
    expect(stored).not.toEqual(offered);
    expect((await queryAudit(db, { personId: person.id }))[0].comment).toBe('Messekontakte');
  });

  it('are never used when the key of the person is not the one they were sealed under', async () => {
    const { db, admin } = await freshDb();
    const person = asStored(anna());
    const sealed = presealNewPersons(db, [person], TEXT);
    // Another key for the same person meanwhile (the presealed person value is then not taken either).
    await savePerson(db, admin, person, CONTRACT);
    await writeWith(
      db,
      { session: admin, reason: IMPORT, intent: 'import', auditContext: 'import:a.vcf' },
      [db.persons],
      async (tx) => {
        offerPresealed(tx.idbtrans, AUDIT_TEXTS, sealed.auditTexts);
        await db.persons.put({ ...(await db.persons.get(person.id))!, city: 'Bonn' });
      },
    );
    const entries = await personEntries(rawConnection(db), person.id);
    expect(entries.map((e) => e.sealedText)).not.toContainEqual(sealed.auditTexts.get(person.id)!.sealed);
    expect((await queryAudit(db, { personId: person.id })).map((e) => e.comment)).toContain('Messekontakte');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});

describe("a save's update (savePerson)", () => {
  it('is sealed inside its transaction by the synchronous cipher, not WebCrypto; the person and its entry open, the chain verifies', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    let saved: StoredPerson | undefined;
    try {
      saved = await savePerson(db, admin, { ...stored, phone: '0711 123' }, CONTRACT, stored);
      // The directory's buckets are sealed in idle time, off any transaction (WebCrypto there is
      // right): only the save's own sealing is judged — none of it by WebCrypto.
      const ofSave = encrypt.mock.calls.filter(([params]) => {
        const aad = (params as AesGcmParams).additionalData as Uint8Array | undefined;
        return !aad || !new TextDecoder().decode(aad).startsWith('directory/');
      });
      expect(ofSave).toEqual([]);
    } finally {
      encrypt.mockRestore();
    }
    expect(await db.persons.get(stored.id)).toEqual(saved);
    expect(saved).toMatchObject({ phone: '0711 123', version: stored.version + 1 });
    const entries = await personEntries(rawConnection(db), stored.id);
    expect(entries.at(-1)?.sealedText).toBeInstanceOf(Uint8Array);
    const update = (await queryAudit(db, { personId: stored.id })).find((e) => e.action === 'update');
    expect(update).toMatchObject({ comment: CONTRACT.comment, fieldKeys: ['phone'] });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it('never takes a value sealed beforehand for a stored person, even under the secret they hold', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    // A time after the stored one is kept by the rules: the offer is exactly the record they store,
    // so only the rule for stored persons can refuse it.
    const next = { ...stored, city: 'Bonn', updatedAt: '2999-01-01T00:00:00.000Z' };
    const record = withDerivedFields({ ...next, version: stored.version + 1, changedAt: next.updatedAt });
    const secret = db.keyring.personSecret(stored.id)!;
    const forged: Presealed = {
      record: sealedFrom(record as unknown as Record<string, unknown>),
      sealed: crypto.getRandomValues(new Uint8Array(64)),
      secret: { personId: stored.id, secret: secret.slice() },
    };
    await writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], async (tx) => {
      offerPresealed(tx.idbtrans, 'persons', new Map([[stored.id, forged]]));
      await db.persons.put(next);
    });
    expect(await db.persons.get(stored.id)).toEqual(record);
    expect(await storedBytes(db, stored.id)).not.toEqual(forged.sealed);
  });
});
