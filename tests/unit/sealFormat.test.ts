/**
 * The sealed-record format: every ciphertext starts with its format version; records sealed
 * before the version byte existed (nonce first) still open, on the synchronous path inside
 * transactions and on the WebCrypto path of bulk reads alike; an unknown version is refused.
 */
import { describe, expect, it } from 'vitest';
import { gcm } from '@noble/ciphers/aes.js';
import { savePerson, type ConsentbookDB } from '../../src/data';
import { openStored } from '../../src/data/directory/bulkRead';
import { rawConnection } from '../../src/data/db';
import {
  aadOf,
  open,
  plainFieldsJson,
  recordAad,
  recordAadInPlace,
  RECORD_SEAL_VERSION,
  SEAL_VERSION,
  splitRecord,
  UnknownSealVersionError,
} from '../../src/data/core/crypto/seal';
import { bytesReplacer, fromJsonBytes, toJsonBytes } from '../../src/data/core/crypto/json';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, freshDb } from './helpers';

type Stored = Record<string, unknown> & { sealed: Uint8Array };

async function storedAnna(db: ConsentbookDB, admin: Parameters<typeof savePerson>[1]) {
  const person = await savePerson(db, admin, anna(), CONTRACT);
  const stored = (await rawConnection(db).persons.get(person.id)) as unknown as Stored;
  const key = db.keyring.personKey(person.id)!;
  const { sealed, ...plain } = stored;
  // Records are sealed with their plain fields in the additional data; before, table and key only.
  const bytes = open(key, sealed, recordAad('persons', person.id, plain));
  return { person, stored, key, bytes, aad: aadOf('persons', person.id) };
}

/** The layout written before the version byte: nonce, then ciphertext and tag. */
function sealUnversioned(key: Uint8Array, plain: Uint8Array, aad: Uint8Array, firstNonceByte: number): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  nonce[0] = firstNonceByte;
  const body = gcm(key, nonce, aad).encrypt(plain);
  const out = new Uint8Array(12 + body.length);
  out.set(nonce);
  out.set(body, 12);
  return out;
}

describe('sealed-record format', () => {
  it('writes the format version in front of every ciphertext', async () => {
    const { db, admin } = await freshDb();
    const { stored } = await storedAnna(db, admin);
    expect(stored.sealed[0]).toBe(RECORD_SEAL_VERSION);
    expect(stored.sealed[0]).toBe(2);
  });

  // A first nonce byte equal to the version is the ambiguous case: the tag decides.
  it.each([0x77, SEAL_VERSION, RECORD_SEAL_VERSION])(
    'opens a record sealed before the version byte (first nonce byte %i), in a transaction and in bulk',
    async (firstNonceByte) => {
      const { db, admin } = await freshDb();
      const { person, stored, key, bytes, aad } = await storedAnna(db, admin);
      const legacy = { ...stored, sealed: sealUnversioned(key, bytes, aad, firstNonceByte) };
      await rawConnection(db).persons.put(legacy as never);

      expect((await db.persons.get(person.id))?.lastName).toBe('Zimmermann');
      const [bulk] = await openStored<Person>(db, 'persons', [legacy]);
      expect(bulk).toMatchObject({ id: person.id, lastName: 'Zimmermann', email: 'anna.zimmermann@example.org' });
    },
  );

  it('refuses an unknown version with an error that names it, on both paths', async () => {
    const { db, admin } = await freshDb();
    const { person, stored } = await storedAnna(db, admin);
    const sealed = stored.sealed.slice();
    sealed[0] = 3;
    const future = { ...stored, sealed };
    await rawConnection(db).persons.put(future as never);

    const refused = {
      name: 'UnknownSealVersionError',
      version: 3,
      message: expect.stringContaining('version 3') as unknown,
    };
    await expect(db.persons.get(person.id)).rejects.toMatchObject(refused);
    await expect(openStored(db, 'persons', [future])).rejects.toBeInstanceOf(UnknownSealVersionError);
    await expect(openStored(db, 'persons', [future])).rejects.toMatchObject(refused);
  });

  it('a damaged record of the current version fails as damaged, not as an unknown version', async () => {
    const { db, admin } = await freshDb();
    const { person, stored } = await storedAnna(db, admin);
    const sealed = stored.sealed.slice();
    sealed[sealed.length - 1] ^= 0xff;
    await rawConnection(db).persons.put({ ...stored, sealed } as never);
    await expect(db.persons.get(person.id)).rejects.toThrow();
    await expect(db.persons.get(person.id)).rejects.not.toBeInstanceOf(UnknownSealVersionError);
  });
});

describe('the fast path of an opened record’s JSON', () => {
  it('revives bytes with or without the reviver’s fast path, and parses the rest alike', () => {
    const bytes = new Uint8Array([1, 2, 250]);
    expect(fromJsonBytes(toJsonBytes({ a: bytes, b: 'x' }))).toEqual({ a: bytes, b: 'x' });
    const escaped = new TextEncoder().encode('{"a":{"\\u0024bytes":"AQL6"},"b":"\\u00e4"}');
    expect(fromJsonBytes(escaped)).toEqual({ a: bytes, b: 'ä' });
    expect(fromJsonBytes(toJsonBytes({ a: 'text about $bytes', n: [1, null] }))).toEqual({
      a: 'text about $bytes',
      n: [1, null],
    });
    expect(fromJsonBytes(toJsonBytes({ a: { $bytesLike: 1 }, b: 'ö' }))).toEqual({ a: { $bytesLike: 1 }, b: 'ö' });
  });
});

describe('the additional data of a record’s plain fields', () => {
  /** What recordAad wrote before plainFieldsJson: JSON.stringify with the sorted key list. */
  const before = (plain: Record<string, unknown>) => JSON.stringify(plain, Object.keys(plain).sort());
  const KEYS = [
    'id',
    'personId',
    'updatedAt',
    'kind',
    'a',
    'B',
    '_x',
    '10',
    '2',
    'ä',
    'z\u2028',
    '"q"',
    'a\\b',
    '😀',
    '__proto__',
  ];
  const VALUES: unknown[] = [
    '',
    'Müller',
    'line\nbreak "quoted" \\ back',
    '\u0000\u001f\u007f\u2028',
    '\ud800 lone and 😀 paired',
    0,
    -0,
    1.5,
    -42,
    1e21,
    5e-7,
    Number.MAX_SAFE_INTEGER,
    NaN,
    Infinity,
    -Infinity,
    true,
    false,
    null,
    undefined,
    [],
    ['p1', 'p2'],
    ['ä', ''],
    // Holes, other lists, objects, dates, functions: left to JSON.stringify with the key list.
    [, 'b'], // eslint-disable-line no-sparse-arrays
    [1, null, 'x'],
    [undefined],
    { id: 'nested', kind: 'kept', other: 'dropped by the key list' },
    { b: 2, a: 1 },
    new Date(Date.UTC(2026, 0, 2)),
    () => 1,
    Symbol('s'),
  ];

  it('is the text JSON.stringify gives with the sorted key list, for every shape of field and value', () => {
    let seed = 1;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let round = 0; round < 3000; round++) {
      const plain: Record<string, unknown> = {};
      const count = next(KEYS.length + 1);
      for (let i = 0; i < count; i++)
        Object.defineProperty(plain, KEYS[next(KEYS.length)], {
          value: VALUES[next(VALUES.length)],
          enumerable: true,
          configurable: true,
          writable: true,
        });
      expect(plainFieldsJson(plain), JSON.stringify(Object.keys(plain))).toBe(before(plain));
    }
    for (const value of VALUES) expect(plainFieldsJson({ id: 'x', value })).toBe(before({ id: 'x', value }));
  });

  it('gives recordAad the same bytes as before, for a record as stored and for its fields in another order', () => {
    const stored = {
      id: 'p-1',
      kind: 'contact',
      locked: 0,
      natural: 1,
      purposeId: '',
      updatedAt: '2026-01-02T03:04:05.678Z',
    };
    const shuffled = { updatedAt: stored.updatedAt, natural: 1, id: 'p-1', purposeId: '', locked: 0, kind: 'contact' };
    const expected = new TextEncoder().encode(`persons/p-1\n${before(stored)}`);
    expect(recordAad('persons', 'p-1', stored)(RECORD_SEAL_VERSION)).toEqual(expected);
    expect(recordAad('persons', 'p-1', shuffled)(RECORD_SEAL_VERSION)).toEqual(expected);
    expect(recordAad('persons', 'p-1', stored)(SEAL_VERSION)).toEqual(aadOf('persons', 'p-1'));
  });

  it('gives the same bytes in place, for short and long texts, each call overwriting the one before', () => {
    const short = { id: 'p-1', kind: 'contact' };
    const long = { id: 'p-2', note: 'ä😀'.repeat(1000) };
    const first = recordAadInPlace('persons', 'p-1', short)(RECORD_SEAL_VERSION).slice();
    expect(first).toEqual(recordAad('persons', 'p-1', short)(RECORD_SEAL_VERSION));
    expect(recordAadInPlace('persons', 'p-2', long)(RECORD_SEAL_VERSION)).toEqual(
      recordAad('persons', 'p-2', long)(RECORD_SEAL_VERSION),
    );
    expect(recordAadInPlace('persons', 'p-1', short)(RECORD_SEAL_VERSION)).toEqual(first);
    expect(recordAadInPlace('persons', 'p-1', short)(SEAL_VERSION)).toEqual(aadOf('persons', 'p-1'));
  });
});

describe('splitRecord', () => {
  const plainFields = new Set(['id', 'kind']);

  it('gives the plain fields and the rest as JSON in sorted order, bytes anywhere as $bytes', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const split = splitRecord({ z: 1, id: 'p', a: { file: bytes }, kind: 'x', sealed: bytes }, plainFields);
    expect(split.plain).toEqual({ id: 'p', kind: 'x' });
    expect(split.content).toBe(JSON.stringify({ a: { file: bytes }, z: 1 }, bytesReplacer));
    expect(fromJsonBytes(new TextEncoder().encode(split.content))).toEqual({ a: { file: bytes }, z: 1 });
    expect(splitRecord({ id: 'p', list: [{ b: bytes }] }, plainFields).content).toContain('$bytes');
  });

  it('gives the same JSON without bytes as with the replacer', () => {
    const record = { id: 'p', name: 'Anna', n: [1, { x: null }], info: { at: '2024', none: undefined }, u: undefined };
    expect(splitRecord(record, plainFields).content).toBe(
      JSON.stringify({ info: record.info, n: record.n, name: 'Anna', u: undefined }, bytesReplacer),
    );
  });
});
