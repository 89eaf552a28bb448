/** Shared test fixtures: a fresh database with its administrator signed in; the real sync server. */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  allPortabilityJson,
  createUser,
  openDatabase,
  recordConsent,
  savePerson,
  setupAdministrator,
  signIn,
  updateController,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import {
  configureSync,
  exportBookKey,
  pullBook,
  startSync,
  stopSync,
  syncNow,
  type SyncConfig,
} from '../../src/data/sync';
import { inviteDevice } from '../../src/data/sync/setup';
import { joinBook } from '../../src/data/sync/join';
import { startSyncServer, type SyncServer } from '../syncServer.mjs';
import { newPerson, type Person } from '../../src/domain/person';
import type { PurposeSeed } from '../../src/domain/purpose';
import type { Recipient } from '../../src/domain/recipients';
import type { User } from '../../src/domain/user';
import type { Consent } from '../../src/domain/consent';
import type { Keyring } from '../../src/data/core/crypto/keyring';
import { checkDoc, Refused, type CheckScope } from '../../src/data/sync/check';
import { isStoredSealed, toDoc, type StoredDoc, type SyncDoc } from '../../src/data/sync/docs';
import { SEALED_TABLES, TableCodec } from '../../src/data/middleware/sealing';
import { rawConnection } from '../../src/data/db';
import { allEntries } from '../../src/data/core/auditEntries';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { openBuckets } from '../../src/data/directory/buckets';
import { entriesOf } from '../../src/data/directory/bucketRows';
import type { DirectoryBucket, DirectoryEntry } from '../../src/data/core/derived';
import { fromJsonBytes, toJsonBytes } from '../../src/data/core/crypto/json';
import { aadOf, seal } from '../../src/data/core/crypto/seal';

let counter = 0;

/** The passphrase of freshDb's administrator (also on every device that joined its book). */
export const PASSPHRASE = 'correct horse battery';

export async function freshDb(): Promise<{ db: ConsentbookDB; admin: Session }> {
  const db = openDatabase(`test-${++counter}-${Math.random().toString(36).slice(2)}`);
  const admin = await withAdminSalt(() =>
    setupAdministrator(db, {
      name: 'admin',
      staffNumber: 'P-001',
      passphrase: PASSPHRASE,
    }),
  );
  return { db, admin };
}

/**
 * One salt for every freshDb administrator of the run (this module is loaded once for every test
 * file, vitest.config.ts): with the same passphrase their PBKDF2 is one input, derived once and then
 * remembered (tests/pbkdf2Memo.ts) — one 0.3–0.5 s derivation per run instead of one per freshDb
 * and sign-in. Each database still gets its own data key and member keys; users made by the tests,
 * passphrase changes and backups draw their salts as the app does. setupAdministrator draws the
 * salt (the only 16 random bytes) synchronously before its first await, so the swap below reaches
 * nothing else.
 */
const ADMIN_SALT = crypto.getRandomValues(new Uint8Array(16));

function withAdminSalt<T>(setUp: () => Promise<T>): Promise<T> {
  const random = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues');
  const draw = crypto.getRandomValues.bind(crypto);
  let salts = 0;
  crypto.getRandomValues = <A extends ArrayBufferView>(array: A): A => {
    if (array instanceof Uint8Array && array.length === ADMIN_SALT.length && salts++ === 0) {
      array.set(ADMIN_SALT);
      return array;
    }
    return draw(array);
  };
  let started: Promise<T>;
  try {
    started = setUp();
  } finally {
    if (random) Object.defineProperty(crypto, 'getRandomValues', random);
    else delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
  if (salts !== 1) throw new Error(`freshDb expected setupAdministrator to draw one salt first, it drew ${salts}`);
  return started;
}

/** The evidence a written consent needs (PRODUCT.md §4): the signed form as a file. */
export const SIGNED_FORM = {
  evidenceFile: {
    name: 'einwilligung.pdf',
    mimeType: 'application/pdf',
    data: new TextEncoder().encode('%PDF-1.4 signed'),
  },
};

/** A written consent to the advertising purpose, with its evidence: what ends a "no consent" flag. */
export function consentToAdvertising(db: ConsentbookDB, admin: Session, personId: string, evidence: Uint8Array) {
  return recordConsent(db, admin, {
    personId,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-01-01',
    channel: 'written',
    text: 'v1',
    evidenceFile: { name: 'e.pdf', mimeType: 'application/pdf', data: evidence },
    confirmedByUser: true,
  });
}

export const CONTRACT = { purposeId: 'purpose-contract', comment: 'Vertrag geschlossen' };

/** What addPurpose needs besides a name: a contract purpose, no consent, no retention (override per test). */
export function purposeSeed(
  name: string,
  extra: Partial<Omit<PurposeSeed, 'id' | 'name'>> = {},
): Omit<PurposeSeed, 'id'> {
  return {
    name,
    lawfulBasis: 'b',
    requiresConsent: false,
    active: true,
    recipients: '',
    retention: { years: 0, basis: '' },
    ...extra,
  };
}

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
  /** 4 (the current format), 3, 2, or 1 (JSON: every entry under the record key). */
  format: number;
  entries: DirectoryEntry[];
}

/**
 * Buckets as stored (or copies of them), read as far as the keys stored now allow: the current
 * format with the buckets' secrets as the directory reads it at sign-in, format 1 (every entry
 * under the record key) as it was.
 */
export async function readBuckets(db: ConsentbookDB, stored: DirectoryBucket[]): Promise<ReadBucket[]> {
  const opened = await openBuckets(db.keyring.recordKey(), stored);
  const secrets = new Map((await rawConnection(db).directoryKeys.toArray()).map((k) => [k.bucket, k.secret]));
  return opened.map(({ bucket, content, header }) => ({
    bucket,
    format: content[0] === FORMAT_ONE ? 1 : content[0],
    entries: header
      ? entriesOf(content, header, secrets.get(bucket) ?? new Uint8Array())
      : content[0] === FORMAT_ONE
        ? (fromJsonBytes(content) as { entries: DirectoryEntry[] }).entries
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

/**
 * The scope sync's incoming checks judge a document in, for documents judged alone: these users,
 * no groups, nothing stored on the device; `extra` changes any part.
 */
export function checkScopeFor(keyring: Keyring, users: readonly User[], extra: Partial<CheckScope> = {}): CheckScope {
  return {
    db: undefined as unknown as ConsentbookDB,
    keyring,
    user: (id) => users.find((u) => u.id === id),
    users: () => users,
    groups: () => [],
    personSecret: () => undefined,
    erased: () => false,
    person: () => undefined,
    setting: () => undefined,
    hasConsent: () => false,
    consentPerson: () => undefined,
    keyGrant: () => undefined,
    wire: { gdpr: true, hasPurpose: () => true },
    awaitedGrant: () => undefined,
    ...extra,
  };
}

/**
 * A user of the roster sync's checks read: active, no administrator, no permission unless `fields`
 * give them; a verifier of the app's shape (its values open nothing: these users never sign in).
 */
export function rosterUser(id: string, fields: Partial<User> = {}): User {
  const verifier = { algorithm: 'PBKDF2-SHA-256', iterations: 600_000, salt: '', hash: '' };
  return { id, name: id, active: true, isAdmin: false, permissions: [], groupIds: [], verifier, ...fields } as User;
}

/** Why sync's checks refuse the document ('' when it passes). */
export function refusalOf(scope: CheckScope, doc: SyncDoc): string {
  try {
    checkDoc(scope, doc);
    return '';
  } catch (e) {
    if (e instanceof Refused) return e.reason;
    throw e;
  }
}

/**
 * Another device's (`device`'s) put of `record` (sealed as stored where its table is sealed at
 * rest), or its delete without one.
 */
export function syncDocOf(
  db: ConsentbookDB,
  table: string,
  key: string,
  author: string,
  record?: Record<string, unknown>,
  device = 'dev-b',
): SyncDoc {
  const env = { id: `${table}:${key}`, table, author, device };
  if (!record || !isStoredSealed(table)) return toDoc(db.keyring, env, record);
  const codec = new TableCodec(table, SEALED_TABLES[table], rawConnection(db).core.table(table), db.keyring);
  // A person's document carries the person's secret, sealed for the book (sync/docs.ts).
  const secret = table === 'persons' ? db.keyring.secretOf(key) : undefined;
  return toDoc(db.keyring, env, codec.encode(record, key), secret);
}

/** A valid record of each table sync checks by value (and a breach, judged by its author alone), about `personId`, as another device sends it. */
export function syncedRecords(personId: string) {
  const pdf = new TextEncoder().encode('%PDF-1.4 evidence');
  return {
    consents: {
      id: 'c1',
      personId,
      purposeIds: ['purpose-advertising'],
      status: 'given',
      givenAt: '2026-01-01',
      channel: 'written',
      text: 'v1',
      channelNote: '',
      evidence: { type: 'none', note: '' },
      withdrawnAt: null,
      withdrawalEvidence: null,
      campaignId: '',
      createdAt: '2026-01-01T00:00:00Z',
    } satisfies Consent,
    files: {
      id: 'f1',
      ownerId: 'c1',
      personId,
      name: 'e.pdf',
      mimeType: 'application/pdf',
      size: pdf.length,
      data: pdf,
    },
    transactions: {
      id: 't1',
      kind: 'order',
      date: '2026-01-02',
      title: 'Auftrag',
      personIds: [personId],
      attachment: null,
      createdAt: '2026-01-02T00:00:00Z',
    },
    breaches: {
      id: 'b1',
      knownAt: '2026-01-04T08:00:00Z',
      description: 'Laptop verloren',
      dataCategories: 'Kontaktdaten',
      affectedCount: 3,
      measures: 'Gerät gesperrt',
      notifiedAuthorityAt: null,
      notifiedSubjectsAt: null,
      createdAt: '2026-01-04T09:00:00Z',
    },
  };
}

/** An entered processor — Hostinghaus GmbH, in Germany, with its contract — changed by `fields`. */
export function hostingProcessor(fields: Partial<Recipient> = {}): Recipient {
  return {
    id: '',
    name: 'Hostinghaus GmbH',
    role: 'processor',
    country: 'Deutschland',
    contractDate: '2025-03-01',
    transferBasis: '',
    safeguardsNote: '',
    purposeIds: [],
    ...fields,
  };
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

/** Polls (bounded) until `check` holds: replication is asynchronous. */
export async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  // Up to ~30 s: beside the browser tests a 2-core machine ran a real server's round trips past 15 s.
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The real sync server for a test file (tests/syncServer.mjs): started before its tests; after
 * them the devices they opened stop syncing, and exactly the recorded process is ended.
 */
export function useSyncServer() {
  let started: SyncServer | undefined;
  const open: ConsentbookDB[] = [];
  beforeAll(async () => {
    started = await startSyncServer();
  });
  afterAll(async () => {
    for (const db of open) await stopSync(db);
    if (!started) return;
    const { pid } = started;
    await started.stop();
    // Signal 0 only asks whether the process exists.
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  const server = (): SyncServer => {
    if (!started) throw new Error('the sync server is not started (useSyncServer() outside a test file?)');
    // Said by the next test that asks, so a run's failure names the cause, not a refused connection.
    const ended = started.endedUnasked();
    if (ended) throw new Error(ended);
    return started;
  };
  /** The server administrator's headers (JSON bodies). */
  const auth = (): Record<string, string> => {
    const { username, password } = server().admin;
    return {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      'content-type': 'application/json',
    };
  };
  /** A device's database: it stops syncing after the file's tests. */
  const track = <T extends ConsentbookDB>(db: T): T => {
    open.push(db);
    return db;
  };
  /** A new database on the server, and the config connecting a book to it. */
  const newBook = async (): Promise<SyncConfig> => {
    const database = `book-${crypto.randomUUID()}`;
    expect((await fetch(server().url + database, { method: 'PUT', headers: auth() })).status).toBe(201);
    return { serverUrl: server().url, database, ...server().admin };
  };
  /** Whether the server holds the document now. */
  const onServer = async (config: SyncConfig, docId: string): Promise<boolean> =>
    (await fetch(`${server().url}${config.database}/${encodeURIComponent(docId)}`, { headers: auth() })).ok;
  /** The server's winning version of a document, with its other leaves (`_conflicts`). */
  const docOnServer = async (config: SyncConfig, docId: string): Promise<StoredDoc> => {
    const url = `${server().url}${config.database}/${encodeURIComponent(docId)}?conflicts=true`;
    return (await (await fetch(url, { headers: auth() })).json()) as StoredDoc;
  };
  /** A new device joining the book with its key: pulled, its administrator signed in, syncing. */
  const join = async (config: SyncConfig, key: Uint8Array): Promise<{ db: ConsentbookDB; session: Session }> => {
    const db = track(openDatabase(`device-${crypto.randomUUID()}`));
    await pullBook(db, config, key);
    const session = await signIn(db, 'admin', PASSPHRASE);
    await startSync(db, session);
    return { db, session };
  };
  /** A new device joined by an invitation of `from`'s signed-in user, signed in as `name`, syncing. */
  const joinByInvitation = async (from: ConsentbookDB, inviter: Session, name: string, passphrase: string) => {
    const { code } = await inviteDevice(from, inviter);
    const db = track(openDatabase(`device-${crypto.randomUUID()}`));
    await joinBook(db, code, () => undefined, new AbortController().signal);
    const session = await signIn(db, name, passphrase);
    await startSync(db, session);
    return { db, session };
  };
  /** Device A: a new book with one person, connected, syncing, the person on the server. */
  const connectedBook = async (person = anna()) => {
    const config = await newBook();
    const { db: a, admin: adminA } = await freshDb();
    track(a);
    const first = await savePerson(a, adminA, person, CONTRACT);
    await configureSync(a, adminA, config);
    await startSync(a, adminA);
    await until('A’s person on the server', () => onServer(config, `persons:${first.id}`));
    return { config, a, adminA, first };
  };
  /** connectedBook, and device B joined from it. */
  const twoDevices = async (person = anna()) => {
    const book = await connectedBook(person);
    const { db: b, session: adminB } = await join(book.config, exportBookKey(book.a, book.adminA));
    return { ...book, b, adminB };
  };
  return { server, auth, track, newBook, onServer, docOnServer, join, joinByInvitation, connectedBook, twoDevices };
}

/**
 * A DBCore layer for tests at `level` (below enforcement: 0; below sealing too: -10) that hands
 * each table to `wrap`, whose methods replace the table's own — to count or order its requests.
 */
export function tableSpy(
  name: string,
  level: number,
  wrap: (table: DBCoreTable, tableName: string) => Partial<DBCoreTable>,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    level,
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        return { ...table, ...wrap(table, tableName) };
      },
    }),
  };
}

const REQUEST_METHODS = [
  'get',
  'getAll',
  'getAllKeys',
  'getKey',
  'put',
  'add',
  'delete',
  'clear',
  'count',
  'openCursor',
];

/** Every IndexedDB request made while `fn` runs, as "store method" (e.g. "persons put"), in order. */
export async function idbRequests(fn: () => Promise<unknown>): Promise<string[]> {
  const requests: string[] = [];
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const originals = REQUEST_METHODS.map((m) => proto[m]);
  REQUEST_METHODS.forEach((m, i) => {
    proto[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      requests.push(`${this.name} ${m}`);
      return originals[i].apply(this, args);
    };
  });
  try {
    await fn();
  } finally {
    REQUEST_METHODS.forEach((m, i) => (proto[m] = originals[i]));
  }
  return requests;
}

/** The object stores `fn` reads or writes — by key and by index alike (idbRequests sees the stores' own requests only) —, sorted. */
export async function storesTouched<T>(fn: () => Promise<T>): Promise<{ result: T; stores: string[] }> {
  const stores = new Set<string>();
  const proto = IDBTransaction.prototype as unknown as Record<'objectStore', (name: string) => IDBObjectStore>;
  const original = proto.objectStore;
  proto.objectStore = function (this: IDBTransaction, name: string) {
    stores.add(name);
    return original.call(this, name);
  };
  try {
    const result = await fn();
    return { result, stores: [...stores].sort() };
  } finally {
    proto.objectStore = original;
  }
}

/** The whole-database export's file as text (allPortabilityJson), and how many persons its parts said they held. */
export async function exportedJson(
  db: ConsentbookDB,
  session: Session,
  options: Parameters<typeof allPortabilityJson>[2] = {},
): Promise<{ text: string; persons: number }> {
  const parts: Blob[] = [];
  let persons = 0;
  for await (const part of allPortabilityJson(db, session, options)) {
    parts.push(...part.parts);
    persons += part.persons;
  }
  return { text: await new Blob(parts).text(), persons };
}

/** Another user signs in on a syncing device: its sync stops, and starts again in their session. */
export async function signInSyncing(db: ConsentbookDB, name: string, passphrase: string): Promise<Session> {
  await stopSync(db);
  const session = await signIn(db, name, passphrase);
  await startSync(db, session);
  return session;
}

/**
 * Member `mia` (staff number P-7, may edit persons) created on A, once B holds her user and key
 * grant (a member without one does not sync): the member of the held-back tests.
 */
export async function memberMiaOnB(
  a: ConsentbookDB,
  adminA: Session,
  b: ConsentbookDB,
  passphrase: string,
): Promise<User> {
  const mia = await createUser(a, adminA, {
    name: 'mia',
    staffNumber: 'P-7',
    passphrase,
    permissions: ['editPersons'],
    groupIds: [],
  });
  await until('B holds Mia and her grant', async () => {
    await syncNow(a);
    await syncNow(b);
    const grants = await rawConnection(b).keyGrants.toArray();
    return !!(await rawConnection(b).users.get(mia.id)) && grants.some((g) => g.userId === mia.id);
  });
  return mia;
}

/** Whether the device's outbox is empty (everything handed to its replica): a condition for `until`. */
export const drained = (db: ConsentbookDB) => async () => (await rawConnection(db).outbox.count()) === 0;

/** Whether the device holds audit entries of the user's from other devices' chains. */
export const hasEntriesOf = async (db: ConsentbookDB, userId: string) =>
  (await remoteEntries(db)).some((e) => e.userId === userId);

/** Entries of other devices' chains `db` holds (single or in segments, as stored); with `origin`, that one's. */
export async function remoteEntries(
  db: ConsentbookDB,
  origin?: string,
): Promise<(ChainedEntry & { origin: string })[]> {
  const all = await allEntries<ChainedEntry & { origin?: string }>(rawConnection(db));
  return all.filter((e): e is ChainedEntry & { origin: string } => !!e.origin && (!origin || e.origin === origin));
}

/** A user who may change nothing (no permission, no group): the author of what the rules refuse. */
export function createReader(db: ConsentbookDB, admin: Session) {
  return createUser(db, admin, {
    name: 'leser',
    staffNumber: 'P-009',
    passphrase: 'a long passphrase here',
    permissions: [],
    groupIds: [],
    isAdmin: false,
  });
}
