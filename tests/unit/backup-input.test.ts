/**
 * Backup files as an attacker or a broken disk could hand them over: bad headers, an iteration
 * count chosen to hang the device, a decompression bomb, and well-encrypted content that no one
 * could sign into. Each gets a clear BackupError before anything is replaced.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BackupError, createBackup, restoreBackup, savePerson, type ConsentbookDB } from '../../src/data';
import { fromBase64, toBase64 } from '../../src/data/core/crypto/passphrase';
import { anna, CONTRACT, freshDb } from './helpers';

const PASS = 'backup passphrase 1';
const MAGIC = 'CONSENTBOOK-BACKUP 1\n';
type Header = Record<string, unknown> & { kdf: Record<string, unknown> };
type Payload = { tables: Record<string, Record<string, unknown>[]> };

async function snapshot(db: ConsentbookDB): Promise<string> {
  const all = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(all, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

async function aesKey(passphrase: string, salt: string, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A test-side reader of the file format (independent of backup.ts). */
async function unpack(file: Uint8Array): Promise<{ header: Header; payload: Payload }> {
  const end = file.indexOf(0x0a, MAGIC.length);
  const header = JSON.parse(new TextDecoder().decode(file.subarray(MAGIC.length, end))) as Header;
  const key = await aesKey(PASS, header.kdf.salt as string, header.kdf.iterations as number);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(header.iv as string), additionalData: file.slice(0, end + 1) },
    key,
    file.slice(end + 1),
  );
  return { header, payload: JSON.parse(gunzipSync(new Uint8Array(plain)).toString('utf8')) as Payload };
}

/** A test-side writer: any header fields, any content bytes, encrypted properly under PASS. */
async function pack(header: Header, content: Uint8Array): Promise<Uint8Array> {
  const gz = gzipSync(content);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const full = { ...header, iv: toBase64(iv), length: gz.length + 16 };
  const line = new TextEncoder().encode(MAGIC + JSON.stringify(full) + '\n');
  const key = await aesKey(PASS, header.kdf.salt as string, header.kdf.iterations as number);
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: line }, key, gz));
  const file = new Uint8Array(line.length + cipher.length);
  file.set(line);
  file.set(cipher, line.length);
  return file;
}

async function setup() {
  const { db, admin } = await freshDb();
  await savePerson(db, admin, anna(), CONTRACT);
  const file = await createBackup(db, admin, PASS);
  return { db, admin, file, ...(await unpack(file)) };
}

/**
 * The file's one book and backup for the tests whose restore is refused: each of them proves its
 * refusal left the database as it was, so the next one starts from the same book (a backup of its
 * own drew a new salt, one full PBKDF2 derivation a test). Tests edit copies of the file and payload.
 */
let made: ReturnType<typeof setup> | undefined;
const refusedSetup = () => (made ??= setup());

/** Restoring `file` is refused with `key` (a BackupError, never a TypeError), nothing changed. */
async function expectRefused(db: ConsentbookDB, admin: Awaited<ReturnType<typeof setup>>['admin'], file: Uint8Array) {
  const before = await snapshot(db);
  const attempt = restoreBackup(db, admin, file, PASS);
  await expect(attempt).rejects.toBeInstanceOf(BackupError);
  const err: unknown = await attempt.catch((e: unknown) => e);
  expect(await snapshot(db)).toBe(before);
  return err as BackupError;
}

function withHeaderLine(file: Uint8Array, edit: (line: string) => string): Uint8Array {
  const end = file.indexOf(0x0a, MAGIC.length);
  const line = edit(new TextDecoder().decode(file.subarray(MAGIC.length, end)));
  const head = new TextEncoder().encode(MAGIC + line + '\n');
  const out = new Uint8Array(head.length + file.length - end - 1);
  out.set(head);
  out.set(file.subarray(end + 1), head.length);
  return out;
}

describe('backup headers', () => {
  const cases: [string, (f: Uint8Array) => Uint8Array, string, Record<string, unknown>?][] = [
    ['a file cut inside the header', (f) => f.slice(0, MAGIC.length + 30), 'backup.damaged'],
    ['a file of the magic line only', () => new TextEncoder().encode(MAGIC), 'backup.damaged'],
    ['a wrong magic line', (f) => withHeaderLine(f, (l) => l).map((b, i) => (i === 3 ? 0x41 : b)), 'backup.notBackup'],
    ['a header that is not an object', (f) => withHeaderLine(f, () => '42'), 'backup.badHeader'],
    [
      'a non-numeric iteration count',
      (f) => withHeaderLine(f, (l) => l.replace(/"iterations":\d+/, '"iterations":"600000"')),
      'backup.badHeader',
      { field: 'kdf.iterations' },
    ],
    [
      'a non-numeric length',
      (f) => withHeaderLine(f, (l) => l.replace(/"length":\d+/, '"length":"lots"')),
      'backup.badHeader',
      { field: 'length' },
    ],
    [
      'a missing salt',
      (f) => withHeaderLine(f, (l) => l.replace(/,?"salt":"[^"]*"/, '')),
      'backup.badHeader',
      { field: 'kdf.salt' },
    ],
    [
      'an IV that is not base64',
      (f) => withHeaderLine(f, (l) => l.replace(/"iv":"[^"]*"/, '"iv":"%%%"')),
      'backup.badHeader',
      { field: 'iv' },
    ],
    [
      'a non-numeric format version',
      (f) => withHeaderLine(f, (l) => l.replace(/"formatVersion":\d+/, '"formatVersion":null')),
      'backup.badHeader',
      { field: 'formatVersion' },
    ],
    [
      'an iteration count of 2³²',
      (f) => withHeaderLine(f, (l) => l.replace(/"iterations":\d+/, '"iterations":4294967296')),
      'backup.iterations',
    ],
    [
      'an iteration count of 1,000',
      (f) => withHeaderLine(f, (l) => l.replace(/"iterations":\d+/, '"iterations":1000')),
      'backup.iterations',
    ],
  ];
  for (const [what, mangle, key, params] of cases)
    it(`${what} gets "${key}" and leaves the database untouched`, async () => {
      const { db, admin, file } = await refusedSetup();
      const err = await expectRefused(db, admin, mangle(file));
      expect(err.messageKey).toBe(key);
      if (params) expect(err.params).toMatchObject(params);
    });
});

describe('backup content', () => {
  it('refuses a decompression bomb with a clear message', async () => {
    const { db, admin, header } = await refusedSetup();
    // 64 MiB of spaces pack into about 64 KB: far beyond any real backup's ratio.
    const bomb = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const err = await expectRefused(db, admin, await pack(header, bomb));
    expect(err.messageKey).toBe('backup.tooLarge');
  });

  const unusable: [string, (p: Payload) => void, string][] = [
    ['no administrator', (p) => p.tables.users.forEach((u) => (u.isAdmin = false)), 'backup.noSignIn'],
    [
      'an administrator without a wrapped data key',
      (p) => p.tables.users.forEach((u) => delete u.dataKey),
      'backup.noSignIn',
    ],
    ['an inactive administrator only', (p) => p.tables.users.forEach((u) => (u.active = false)), 'backup.noSignIn'],
    ['a user without a verifier', (p) => p.tables.users.forEach((u) => delete u.verifier), 'backup.invalid'],
    [
      'a wrapped key of the wrong length',
      (p) => p.tables.users.forEach((u) => ((u.dataKey as { data: string }).data = toBase64(new Uint8Array(20)))),
      'backup.invalid',
    ],
    [
      'a verifier weaker than the app makes (a member’s cheap-to-guess wrap of the data key)',
      (p) => p.tables.users.forEach((u) => ((u.verifier as { iterations: number }).iterations = 100_000)),
      'backup.invalid',
    ],
    [
      'a person in plain beside the book’s sealing mark (put in by hand)',
      (p) =>
        p.tables.persons.forEach((r) =>
          Object.assign(r, anna({ firstName: 'Mallory', natural: 1 }), { id: r.id, sealed: undefined }),
        ),
      'backup.plainRecord',
    ],
    [
      'a consent in plain, planted as given, beside the book’s sealing mark',
      (p) =>
        p.tables.consents.push({
          id: 'planted',
          personId: String(p.tables.persons[0].id),
          purposeIds: [],
          status: 'given',
        }),
      'backup.plainRecord',
    ],
    [
      'a verifier with an absurd iteration count',
      (p) => p.tables.users.forEach((u) => ((u.verifier as { iterations: number }).iterations = 2 ** 32)),
      'backup.invalid',
    ],
  ];
  for (const [what, edit, key] of unusable)
    it(`a well-encrypted backup with ${what} is refused ("${key}") before anything is replaced`, async () => {
      const { db, admin, header, payload: shared } = await refusedSetup();
      const payload = structuredClone(shared);
      edit(payload);
      const err = await expectRefused(db, admin, await pack(header, new TextEncoder().encode(JSON.stringify(payload))));
      expect(err.messageKey).toBe(key);
      if (key === 'backup.invalid') expect(String(err.params.path)).toMatch(/^tables\.users\.0\./);
    });

  it('the test writer itself makes files that restore', async () => {
    const { db, admin, header, payload } = await setup();
    const file = await pack(header, new TextEncoder().encode(JSON.stringify(payload)));
    await expect(restoreBackup(db, admin, file, PASS)).resolves.toMatchObject({ persons: 1 });
  });
});
