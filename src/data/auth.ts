/**
 * Signing in and out: the first start (the administrator), sign-in with the passphrase, opening the
 * keyring, and sealing what a database written before encryption at rest still holds in plain.
 */
import type { Language } from '../i18n/messages';
import type { Group, PassphraseVerifier, User } from '../domain/user';
import { rawConnection, type ConsentbookDB } from './db';
import { NoKeyForUserError, RuleError, SignInError } from './core/errors';
import { revokeSessions, sessionFor, type Session } from './core/session';
import { claimPrivilege } from './core/capability';
import {
  credentialsWithKey,
  createVerifier,
  MIN_PASSPHRASE_LENGTH,
  newDataKey,
  unlockPassphrase,
  unwrapDataKey,
  wrapDataKey,
} from './core/crypto/passphrase';
import { loadCipher } from './core/crypto/seal';
import { isSealed, SEALED_TABLES } from './middleware/sealing';
import { SYNC_JOINING_KEY } from './middleware/outbox';
import { seedDefaultPurposes } from './commands/purposes';
import { writeWith } from './write';
import { auditEntry } from './middleware/audit';
import { SEALED_MARK_KEY } from '../domain/settings';
import { directoryOf } from './directory';
import { readBackupDueAhead } from './queries/backupDue';
import { dropReadAhead, readAhead as readDirectoryAhead } from './directory/readAhead';
import { forgetMember } from './team/member';
import { setMember } from './team/member';
import { watchRights } from './sessionRights';
import { forgetCurrentRights } from './core/currentRights';

/** Sealing a database from before encryption writes records as they are: this module holds the restore privilege. */
const RESTORE = claimPrivilege('restore');

/**
 * Whether this device holds a book. Part of one, from a join the page was closed on during its
 * pull, is none: the first-start screen shows, and its setup or join deletes it (sync/join.ts).
 */
export async function hasUsers(db: ConsentbookDB): Promise<boolean> {
  return (await db.users.count()) > 0 && !(await rawConnection(db).settings.get(SYNC_JOINING_KEY));
}

export interface NewUserInput {
  name: string;
  staffNumber: string;
  passphrase: string;
}

/** The first administrator's input: the book is set up in their language (the default purposes' names). */
export interface SetupInput extends NewUserInput {
  lang?: Language;
}

export function checkNewUserInput(input: NewUserInput): void {
  if (!input.name.trim()) throw new RuleError('error.userNameRequired', 'A user name is required');
  if (input.name.trim().length > 60)
    throw new RuleError('error.userNameTooLong', 'The user name is too long (at most 60 characters)');
  if (!input.staffNumber.trim())
    throw new RuleError('error.staffNumberRequired', 'A staff number (Personalnummer) is required');
  if (input.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new RuleError(
      'error.passphraseTooShort',
      `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
      { min: MIN_PASSPHRASE_LENGTH },
    );
  }
}

/** First start: creates the administrator, seeds the default purposes and signs in. Refused once any user exists. */
export async function setupAdministrator(db: ConsentbookDB, input: SetupInput): Promise<Session> {
  checkNewUserInput(input);
  const dataKey = newDataKey();
  const { credentials, wrapKey } = await credentialsWithKey(input.passphrase, dataKey);
  // Made once per book, at its setup: loaded then, not with the start (180 KB budget).
  const { keyIdOf, newMemberKeyPair } = await import('./core/crypto/memberKeys');
  const keys = await newMemberKeyPair(wrapKey);
  const user: User = {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    staffNumber: input.staffNumber.trim(),
    ...credentials,
    keyPair: keys.record,
    groupIds: [],
    permissions: [],
    isAdmin: true,
    active: true,
    createdAt: new Date().toISOString(),
  };
  await db.transaction('rw', db.users, async () => {
    if ((await db.users.count()) > 0)
      throw new RuleError('error.alreadySetUp', 'The administrator exists already; sign in instead');
    await db.users.add(user);
  });
  const session = sessionFor(db, user, []);
  await openKeyring(db, dataKey);
  setMember(db, { userId: user.id, keyId: keyIdOf(keys.record.publicKey), privateKey: keys.privateKey });
  await markSealed(db, session);
  await seedDefaultPurposes(db, session, input.lang);
  // The administrator was stored before the keys were open: the book's first tags take them in.
  await (await import('./commands/bookTagCheck')).retagBook(db);
  watchRights(db, session);
  return session;
}

/**
 * What a sign-in can do before the passphrase is typed, started as the sign-in form shows
 * (AuthScreen): the users' records — their verifiers let the click start PBKDF2 in its own task —,
 * the raw connection (its schema parsed, opened: the directory reads through it), the cipher's and
 * the team's code. Each once; a sign-in without it reads the same itself, after the click.
 */
export function prepareSignIn(db: ConsentbookDB): Promise<void> {
  let state = prepared.get(db);
  if (!state) {
    const entry: Prepared = { users: undefined, read: Promise.resolve() };
    entry.read = db.users.toArray().then(
      (all) => void (entry.users = new Map(all.map((u) => [u.name, u]))),
      () => void prepared.delete(db),
    );
    prepared.set(db, (state = entry));
    rawConnection(db)
      .open()
      .catch(() => undefined);
    for (const load of [loadCipher, loadMembers]) load().catch(() => undefined);
  }
  return state.read;
}

interface Prepared {
  /** The users by name, once read; stale ones are harmless: signIn compares with a fresh read. */
  users: Map<string, User> | undefined;
  /** Settles when the users are read (tests wait for it; the form does not). */
  read: Promise<void>;
}
const prepared = new WeakMap<ConsentbookDB, Prepared>();

/** The team's keys load with the first sign-in, not with the start bundle (180 KB budget). */
const loadMembers = () => import('./team/members');

export async function signIn(db: ConsentbookDB, name: string, passphrase: string): Promise<Session> {
  // PBKDF2 starts first, in the click's own task, with the verifier read as the form showed; the
  // user read again beside it decides (a verifier changed since is derived again).
  const known = prepared.get(db)?.users?.get(name.trim());
  const early = known && { verifier: known.verifier, check: unlockPassphrase(passphrase, known.verifier) };
  early?.check.catch(() => undefined);
  // Read beside the passphrase check (PBKDF2 runs off the main thread): what the steps after it
  // need — stored bytes and code only; without the data key they open nothing.
  const ahead = readAhead(db);
  try {
    const user = await db.users.where('name').equals(name.trim()).first();
    const groupsRead = user && db.groups.bulkGet(user.groupIds);
    const grantsRead = user && ahead.members.then((m) => m.readGrants(db, user.id));
    for (const p of [groupsRead, grantsRead]) p?.catch(() => undefined);
    // Check a passphrase even for unknown users, so timing does not reveal who exists.
    const wrapKey = user
      ? await (early && sameVerifier(early.verifier, user.verifier)
          ? early.check
          : unlockPassphrase(passphrase, user.verifier))
      : (await unlockPassphrase(passphrase, await dummyVerifier()), null);
    // Whether an encrypted book's user is active is decided with the keys, as the app last wrote it
    // (trustedAccount): deactivated on disk alone locks nobody out.
    if (!user || !wrapKey || (!user.dataKey && !user.active) || !groupsRead || !grantsRead) throw new SignInError();
    const groups = (await groupsRead).filter((g): g is Group => !!g);
    let session: Session;
    let member = user;
    if (user.dataKey) {
      await openKeyring(db, await unwrapDataKey(wrapKey, user.dataKey), ahead.cipher);
      // Only rights as the app last wrote them (their tags hold, middleware/bookTags.ts).
      const trusted = await (await ahead.bookTags).trustedAccount(db, user, groups);
      // Inactive as the app last wrote it (deactivated there, whatever the record says now): refused.
      if (trusted.refused) {
        db.keyring.lock();
        throw new SignInError();
      }
      session = sessionFor(db, trusted.user, trusted.groups, trusted.withheld);
    } else {
      session = sessionFor(db, user, groups);
      // A user from before encryption at rest: the first of them to sign in makes the data key.
      if ((await db.users.toArray()).some((u) => u.dataKey)) throw new NoKeyForUserError();
      const dataKey = newDataKey();
      const wrapped = await wrapDataKey(wrapKey, dataKey);
      await openKeyring(db, dataKey);
      await writeWith(db, { session, intent: 'ownPassphrase' }, [db.users], () =>
        db.users.put({ ...user, dataKey: wrapped }),
      );
      member = (await db.users.get(user.id)) ?? user;
    }
    // A restore of another book's backup left its entry for the restored book's keys (commands/restoreLog.ts).
    if (await ahead.restorePending) await (await import('./commands/restoreLog')).logPendingRestore(db, session);
    if (!(await ahead.sealedMark)) await sealLegacyRecords(db, session);
    // Purposes and the book's settings, kept in plain, against their tags (middleware/bookTags.ts).
    await (await ahead.bookTags).checkBookTags(db, session);
    const { openMember } = await ahead.members;
    await openMember(db, session, member, wrapKey, await grantsRead);
    prepared.delete(db);
    watchRights(db, session);
    return session;
  } catch (e) {
    // Nothing read ahead outlives a failed sign-in.
    dropReadAhead(db);
    throw e;
  }
}

function sameVerifier(a: PassphraseVerifier, b: PassphraseVerifier): boolean {
  return a.iterations === b.iterations && a.salt === b.salt && a.hash === b.hash;
}

/**
 * Signing out (or the idle lock): the keys leave memory, sealed data cannot be read until the
 * next sign-in, and every session of this database is revoked — an object kept from before acts
 * no more.
 */
export function signOut(db: ConsentbookDB): void {
  revokeSessions(db);
  forgetCurrentRights(db.name);
  db.keyring.lock();
  forgetMember(db);
  directoryOf(db).reset();
}

let dummy: ReturnType<typeof createVerifier> | undefined;
function dummyVerifier() {
  dummy ??= createVerifier('not a real passphrase');
  return dummy;
}

/** commands/restoreLog.ts's marker (loaded only when there is one: the start bundle stays small). */
const PENDING_RESTORE_LOG = 'pendingRestoreLog';

/**
 * Started with the click: the cipher's and the team's code, whether the records are all sealed,
 * and the directory's count, bucket keys and first buckets as stored (directory.ts readAhead).
 */
function readAhead(db: ConsentbookDB) {
  const ahead = {
    cipher: loadCipher(),
    sealedMark: db.settings.get(SEALED_MARK_KEY).then(Boolean),
    restorePending: db.settings.get(PENDING_RESTORE_LOG).then(Boolean),
    members: loadMembers(),
    bookTags: import('./commands/bookTagCheck'),
  };
  for (const p of Object.values(ahead)) p.catch(() => undefined);
  // Before the directory's reads, which keep IndexedDB busy for a second at 100,000 persons.
  readBackupDueAhead(db);
  if (directoryOf(db).state.status === 'empty') readDirectoryAhead(db);
  return ahead;
}

/** Opens the keyring with the data key; person secrets are loaded by whoever needs them (keyring.ts). */
export async function openKeyring(db: ConsentbookDB, dataKey: Uint8Array, cipher = loadCipher()): Promise<void> {
  await cipher;
  db.keyring.unlock(dataKey);
}

/** Notes that every record is sealed, so later sign-ins skip the scan. */
async function markSealed(db: ConsentbookDB, session: Session): Promise<void> {
  await writeWith(db, { session }, [db.settings], () =>
    db.settings.put({ key: SEALED_MARK_KEY, value: { sealedAt: new Date().toISOString() } }),
  );
}

/**
 * Seals every record still in plain, once, in one transaction (all or nothing). Written as they
 * are (the restore privilege: nothing about them changes, so nothing is checked); the index words a
 * version before 5 stored are dropped. What was sealed is logged, by table: the entry is left in the
 * transaction to be chained (commands/restoreLog.ts, as a restore's) and chained right after — or
 * by the next sign-in, before anything else. So records put in plain into a sealed book, with its
 * mark deleted, are not sealed unseen: the Protokoll says when, and how many of each.
 */
async function sealLegacyRecords(db: ConsentbookDB, session: Session): Promise<number> {
  const raw = rawConnection(db);
  const names = Object.keys(SEALED_TABLES);
  const plain: [string, Record<string, unknown>[]][] = [];
  for (const name of names) {
    const rows = (await raw.table(name).toArray()) as Record<string, unknown>[];
    plain.push([name, rows.filter((r) => !isSealed(r)).map(({ searchTerms: _s, ...r }) => r)]);
  }
  const found = plain.filter(([, rows]) => rows.length > 0).map(([name, rows]) => `${name}=${rows.length}`);
  const pendingLog = found.length ? await import('./commands/restoreLog') : undefined;
  // Persons first: their key secrets are made as they are sealed, their consents and files need them.
  await writeWith(db, { session, capability: RESTORE }, [...names.map((n) => db.table(n)), db.settings], async () => {
    for (const [name, rows] of plain) {
      if (rows.length) await db.table(name).bulkPut(rows);
    }
    if (pendingLog) {
      const entry = auditEntry({ session }, 'settingsChanged', '', { context: `sealed:${found.join(',')}` });
      // Tagged with the audit key: a `sealed:` entry planted where it waits is refused (restoreLog.ts).
      const key = db.keyring.auditKey();
      const before = pendingLog.pendingOf(await db.settings.get(PENDING_RESTORE_LOG), session, key);
      await db.settings.put({ key: PENDING_RESTORE_LOG, value: [...before, pendingLog.tagPending(entry, key)] });
    }
    await db.settings.put({ key: SEALED_MARK_KEY, value: { sealedAt: new Date().toISOString() } });
  });
  if (pendingLog) await pendingLog.logPendingRestore(db, session);
  return plain.reduce((n, [, rows]) => n + rows.length, 0);
}
