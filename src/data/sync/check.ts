/**
 * Checks an incoming document before anything of it is applied: written under this book's key
 * (epoch), envelope unchanged (MAC), id matching its record, the body opening with the book's keys,
 * the record valid by the same domain checks a local write passes (recordRefusal), and its author
 * a user of the book holding the permission the rules ask for such a change (rules/permissions.ts);
 * a delete only where the rules delete one (rules/deletes.ts); the roster never left without an
 * active administrator (rosterRefusal). What passes becomes a write for apply.ts; what fails is
 * refused with a reason (quarantined, never applied); a document whose person or author has not
 * arrived yet waits for it. Not judged here — the rules read an earlier version or other records, not kept here:
 * a purpose in use deleted; a person under a retention duty erased; a request changed beyond filing
 * by an issueReports-only author; transactions or campaigns changed by a deletePersons-only author;
 * a held consent changed beyond its withdrawal.
 */
import type { PersonKeyRecord } from '../core/crypto/keyring';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Keyring } from '../core/crypto/keyring';
import type { ChainedEntry } from '../../domain/auditChain';
import type { Person } from '../../domain/person';
import { validatePersonChange } from '../../domain/validation';
import type { Permission, User } from '../../domain/user';
import {
  administratorOnly,
  hasActiveAdministrator,
  mayRecordEndedAccount,
  onlyOwnKeysChanged,
  raisesOwnRights,
  type Roster,
} from '../../domain/user';
import { effectivePermissions, type Group } from '../../domain/user';
import { keepsDoc, keepsSegment, mayRecordVouched, type Vouched } from '../../domain/vouched';
import { needsAdministrator, settingPermission } from '../middleware/rules/settings';
import { keyGrantProblem, type KeyGrant } from '../../domain/keyGrant';
import { TableCodec, SEALED_TABLES, type SealedRecord } from '../middleware/sealing';
import { REPLICATED_SETTINGS, REPLICATED_TABLES } from '../middleware/outbox';
import { APPEND_ONLY_TABLES, neverDeleted } from '../middleware/rules/deletes';
import { changePermissions } from '../middleware/rules/permissions';
import { checkpointSigned, type ChainCheckpoint } from '../../domain/chainCheckpoint';
import { rawConnection, type ConsentbookDB } from '../db';
import {
  EpochNotHeld,
  bodyOf,
  docIdOf,
  hashOf,
  isStoredSealed,
  isAuthentic,
  openFromTransport,
  openPersonSecret,
  parseDocId,
  type StoredDoc,
  type SyncDoc,
} from './docs';
import { lockedRefusal, personRefusal, type WireScope } from './wireRules';
import { grantRefusal, recordRefusal, recordRefusalOf } from './recordChecks';
import type { Prepared } from './preopen';
import { fromJsonBytes } from '../core/crypto/json';
import { reasonOf, refusal, type Refusal, type RefusalKey } from './refusal';

/** A document that must not be applied, and why (shown in the quarantine; `reason`: in English). */
export class Refused extends Error {
  readonly reason: string;
  constructor(readonly refusal: Refusal) {
    const reason = reasonOf(refusal);
    super(reason);
    this.reason = reason;
    this.name = 'Refused';
  }
}

/** A document that needs another one first (its person, its author). */
export class Waiting extends Error {
  constructor(readonly docId: string) {
    super(`waiting for ${docId}`);
    this.name = 'Waiting';
  }
}

export type Incoming =
  | {
      kind: 'put';
      table: string;
      key: string;
      stored: Record<string, unknown>;
      secret?: PersonKeyRecord;
      /** A person as opened: the version later documents of the batch are judged against. */
      person?: Person;
    }
  | { kind: 'delete'; table: string; key: string }
  | { kind: 'audit'; device: string; entries: ChainedEntry[] };

/** What the checks read: the book's users (local and those accepted earlier in the same batch) and key secrets. */
export interface CheckScope {
  db: ConsentbookDB;
  keyring: Keyring;
  user(id: string): User | undefined;
  /** The book's users as known here and after the changes accepted earlier in the batch (deleted ones gone). */
  users(): readonly User[];
  groups(): Group[];
  personSecret(personId: string): PersonKeyRecord | undefined;
  /** Whether the person was erased (here, or by an erasure record accepted earlier). */
  erased(personId: string): boolean;
  /** This device's version of a person (or the one accepted earlier in the batch), opened. */
  person(personId: string): Person | undefined;
  /** This device's value of a book setting (or the one accepted earlier in the batch): its changes are judged. */
  setting(key: string): unknown;
  /** Whether this device holds the consent already (a withdrawal, not a new one). */
  hasConsent(id: string): boolean;
  /** The person of a consent held here (a delete's document names none). */
  consentPerson(id: string): string | undefined;
  /** The key grant held here (or accepted earlier in the batch): a grant is never changed. */
  keyGrant(id: string): KeyGrant | undefined;
  /** The book's GDPR switch and purposes as known here (wireRules.ts). */
  wire: WireScope;
  /** The grant of a key epoch the signed-in member waits for (undefined: nobody signed in). */
  awaitedGrant(epoch: number): string | undefined;
  /** A document's body hashed and opened already, with WebCrypto (preopen.ts), if it was. */
  prepared?(doc: SyncDoc): Prepared | undefined;
}

/**
 * The permissions one of which a local write of such a change needs (rules/permissions.ts, a
 * setting's in rules/settings.ts): the same statement the rules read.
 */
function needed(table: string, key: string, deleted: boolean): Permission[] {
  if (table !== 'settings') return changePermissions(table, deleted);
  const permission = settingPermission(key);
  return permission ? [permission] : [];
}

/**
 * Refuses for `why` — unless a group of the author's is not here yet, whose rights may change the
 * answer: a group changed after a document comes after it in the feed (renamed, its rights changed;
 * a device pulling the book), and a refusal is final. The document waits for the group instead.
 */
function refuseUnlessGroupToCome(scope: CheckScope, author: User | undefined, why: Refusal | undefined): void {
  if (!why) return;
  const toCome = author?.isAdmin ? undefined : author?.groupIds.find((id) => !scope.groups().some((g) => g.id === id));
  if (toCome) throw new Waiting(docIdOf('groups', toCome));
  throw new Refused(why);
}

/** A person's refusals that the author's rights decide (wireRules.ts, personRefusal). */
const RIGHTS_REFUSALS: readonly RefusalKey[] = [
  'sync.refused.mayNotLock',
  'sync.refused.mayNotUnlock',
  'sync.refused.mayNotChangePersons',
];

function refuse(why: Refusal | undefined): void {
  if (why) throw new Refused(why);
}

/**
 * Checks the author may make such a change; returns their permissions. Judged by the author's
 * record as it stands — except what vouches for a document's being written while they could:
 * - a removed member's documents through the own server account their removal ended
 *   (User.endedAccount: the server took them from that account only, rules.ts, and nothing was
 *   written through it after), judged by the rights their record still holds;
 * - what an administrator vouched for when lowering their rights or removing them (User.vouched,
 *   `vouches`: their append-only documents at the revision held, a removed member's audit segments
 *   up to the chains' heads held). Their other records went out again in that administrator's name.
 * Any other document of an inactive author is refused — written after the removal, or offline
 * before it but not arrived. The app's tombstones carry their account (docs.ts) and are judged
 * alike; CouchDB's bare `_deleted` carries none and never reaches here (feed.ts refuses it).
 */
function checkAuthor(
  scope: CheckScope,
  doc: SyncDoc,
  table: string,
  key: string,
  record?: unknown,
  vouches = (vouched: Vouched) =>
    APPEND_ONLY_TABLES.includes(table) && keepsDoc(vouched, doc._id, (doc as Partial<StoredDoc>)._rev),
): Set<Permission> {
  // A user's own record may bring its author along (the administrator of a book being pulled).
  const own = table === 'users' && key === doc.author ? (record as User | undefined) : undefined;
  const author = scope.user(doc.author) ?? own;
  if (!author) {
    if (!doc.author) throw new Refused(refusal('sync.refused.noAuthor'));
    throw new Waiting(`users:${doc.author}`);
  }
  const vouched = !!author.vouched && vouches(author.vouched);
  if (!author.active && !vouched && !(author.endedAccount && doc.account === author.endedAccount))
    throw new Refused(refusal('sync.refused.inactiveAuthor', { author: doc.author }));
  const has = effectivePermissions(author, scope.groups());
  if (table === 'auditLog' || table === 'chainCheckpoints') return has;
  // Changing one's own passphrase or key pair needs no permission (rules/users.ts) — and nothing
  // else of one's own record changes so: rights, groups, the administrator flag need manageUsers.
  // A record introducing its own author (not known here yet: a book being pulled) has nothing to compare with.
  const known = scope.user(doc.author);
  if (table === 'users' && key === doc.author && !doc.deleted && (!known || onlyOwnKeysChanged(known, record as User)))
    return has;
  const need = needed(table, key, !!doc.deleted);
  if (!need.some((p) => has.has(p)) && !vouched)
    refuseUnlessGroupToCome(
      scope,
      author,
      refusal('sync.refused.mayNotChange', { author: doc.author, table, permissions: need.join(',') }),
    );
  // The settings an administrator only writes (rules/settings.ts: the sync server's operator).
  if (table === 'settings' && needsAdministrator(key) && !author.isAdmin)
    throw new Refused(refusal('sync.refused.settingNeedsAdmin', { author: doc.author, setting: key }));
  return has;
}

/**
 * The roster rules of rules/users.ts for a change made elsewhere (`record` undefined: a delete):
 * nobody raises their own rights, only an administrator makes, changes or deletes an administrator,
 * only an administrator's removal records an ended server account, and the last active
 * administrator stays — judged against the users known here (and those accepted earlier in the
 * batch). An author not known here yet is a book's first administrator
 * introducing itself to a device pulling the book; a roster without an active administrator yet
 * (the book being pulled) is not left without one by a change.
 */
function rosterRefusal(
  scope: CheckScope,
  authorId: string,
  table: 'users' | 'groups',
  key: string,
  record: Record<string, unknown> | undefined,
): Refusal | undefined {
  const author = scope.user(authorId);
  if (author && record) {
    const groups = scope.groups();
    const before: Roster = { users: [author], groups };
    const after: Roster =
      table === 'users'
        ? { users: [key === authorId ? (record as unknown as User) : author], groups }
        : { users: [author], groups: [...groups.filter((g) => g.id !== key), record as unknown as Group] };
    if (raisesOwnRights(authorId, before, after)) return refusal('sync.refused.raisesOwnRights', { author: authorId });
  }
  if (table !== 'users') return undefined;
  if (author && !author.isAdmin && administratorOnly(scope.user(key), record as User | undefined))
    return refusal('sync.refused.adminOnly', { author: authorId });
  // The ended account of a removal (team/members.ts) vouches for the removed member's documents:
  // only an administrator's removal records it. A record not known here has nothing to compare with.
  const known = scope.user(key);
  const next = record as unknown as User | undefined;
  if (known && next && !mayRecordEndedAccount(!!author?.isAdmin, known, next))
    return refusal('sync.refused.endedAccount', { user: key });
  if (known && next && !mayRecordVouched(!!author?.isAdmin, known, next))
    return refusal('sync.refused.vouched', { user: key });
  const users = scope.users();
  const left = users.filter((u) => u.id !== key);
  if (hasActiveAdministrator(users) && !hasActiveAdministrator(record ? [...left, record as unknown as User] : left))
    return refusal('sync.refused.lastAdmin', { user: key });
  return undefined;
}

/**
 * The key secret a person's document brings. A person's secret never changes (erasure ends it), so
 * one other than the secret held here (in memory or stored) is refused: its author would seal the
 * person's consents, files and log texts away from every device holding them.
 */
function broughtSecret(scope: CheckScope, doc: SyncDoc, key: string): PersonKeyRecord {
  if (!doc.key) throw new Refused(refusal('sync.refused.personWithoutKey'));
  const secret = openSecret(scope, key, doc.key);
  const held = scope.keyring.hasPerson(key) ? scope.keyring.personSecret(key) : scope.personSecret(key)?.secret;
  if (held && bytesToHex(held) !== bytesToHex(secret)) throw new Refused(refusal('sync.refused.personKeyChanged'));
  return { personId: key, secret };
}

/**
 * Runs `check` with a person's secret in the keyring, which opens their records; a check that does
 * not pass (refused, or waiting) leaves the keyring as it was — a document's secret is not taken
 * before the document is.
 */
function withSecret<T>(scope: CheckScope, secret: PersonKeyRecord | undefined, check: () => T): T {
  if (!secret || scope.keyring.hasPerson(secret.personId)) return check();
  scope.keyring.addPerson(secret);
  try {
    return check();
  } catch (e) {
    scope.keyring.forgetPerson(secret.personId);
    throw e;
  }
}

function openSealedRecord(scope: CheckScope, doc: SyncDoc, table: string, key: string, body: Uint8Array) {
  const stored: SealedRecord = { ...doc.plain, sealed: body };
  const spec = SEALED_TABLES[table];
  const codec = new TableCodec(table, spec, rawConnection(scope.db).core.table(table), scope.keyring);
  const personId = codec.personIdOf(stored);
  if (table !== 'persons' && personId && !scope.keyring.hasPerson(personId)) {
    const known = scope.personSecret(personId);
    if (!known) throw new Waiting(`persons:${personId}`);
    scope.keyring.addPerson(known);
  }
  const record = codec.decode(stored) as Record<string, unknown>;
  if (String(record.id) !== key) throw new Refused(refusal('sync.refused.idMismatch'));
  if (table === 'persons') {
    const problems = validatePersonChange(scope.person(key), record as unknown as Person);
    if (problems.length)
      throw new Refused(refusal('sync.refused.invalidPerson', { fields: problems.map((p) => p.field).join(', ') }));
  }
  return { stored: stored as Record<string, unknown>, record };
}

/** A person's secret; one sealed under an epoch not held here waits for the member's grant of it. */
function openSecret(scope: CheckScope, personId: string, sealed: string): Uint8Array {
  try {
    return openPersonSecret(scope.keyring, personId, sealed);
  } catch (e) {
    if (!(e instanceof EpochNotHeld)) throw e;
    const grant = scope.awaitedGrant(e.epoch);
    if (grant) throw new Waiting(grant);
    throw new Refused(refusal('sync.refused.epochNotGranted', { epoch: String(e.epoch) }));
  }
}

function primaryKeyOf(table: string, record: Record<string, unknown>): string {
  if (table === 'erasures') return String(record.personId);
  return String(table === 'settings' ? record.key : record.id);
}

/** A checkpoint names the device that wrote it and carries the audit key's signature. */
function checkCheckpoint(scope: CheckScope, doc: SyncDoc, cp: ChainCheckpoint): void {
  if (cp.device !== doc.device) throw new Refused(refusal('sync.refused.checkpointDevice'));
  if (!checkpointSigned(cp, scope.keyring.auditKey())) throw new Refused(refusal('sync.refused.checkpointUnsigned'));
}

/**
 * A segment of a device's audit chain: consecutive entries from the seq its id names to the one
 * its plain part names (a document from before segments: one entry). Its author is the last
 * entry's user, an active one; every entry's user must be a user of the book.
 */
function checkSegment(scope: CheckScope, doc: SyncDoc, key: string, opened: unknown): Incoming {
  const sep = key.lastIndexOf(':');
  const first = Number(key.slice(sep + 1));
  const opens = (Array.isArray(opened) ? opened : [opened]) as unknown[];
  const last = Array.isArray(opened) ? doc.plain.last : first;
  if (
    key.slice(0, sep) !== doc.device ||
    opens.length === 0 ||
    opens.some((e, i) => typeof e !== 'object' || (e as Partial<ChainedEntry> | null)?.seq !== first + i) ||
    first + opens.length - 1 !== last
  )
    throw new Refused(refusal('sync.refused.segmentId'));
  const entries = opens as ChainedEntry[];
  if (entries[entries.length - 1].userId !== doc.author) throw new Refused(refusal('sync.refused.entryUser'));
  checkAuthor(scope, doc, 'auditLog', key, undefined, (vouched) => keepsSegment(vouched, doc.device, entries));
  for (const e of entries) {
    if (!e.userId) throw new Refused(refusal('sync.refused.entryNoUser', { seq: String(e.seq) }));
    if (!scope.user(e.userId)) throw new Waiting(`users:${e.userId}`);
  }
  return { kind: 'audit', device: doc.device, entries };
}

/** Checks one document; returns the write it stands for. Throws Refused or Waiting. */
/** Why a document is not one of this book's members' (another book's key, or changed on the way: its MAC). */
export function authenticityRefusal(keyring: Keyring, doc: SyncDoc): Refusal | undefined {
  if (doc.epoch !== keyring.keyId()) return refusal('sync.refused.otherBookKey');
  return isAuthentic(keyring, doc) ? undefined : refusal('sync.refused.macMismatch');
}

export function checkDoc(scope: CheckScope, doc: SyncDoc): Incoming {
  const { table, key } = parseDocId(doc._id);
  if (doc.type !== table || !REPLICATED_TABLES.includes(table))
    throw new Refused(refusal('sync.refused.unknownType', { type: doc.type }));
  if (table === 'settings' && !REPLICATED_SETTINGS.includes(key))
    throw new Refused(refusal('sync.refused.notBookSetting', { setting: key }));
  refuse(authenticityRefusal(scope.keyring, doc));
  if (doc.deleted) {
    if (neverDeleted(table)) throw new Refused(refusal('sync.refused.neverDeleted', { table }));
    checkAuthor(scope, doc, table, key);
    // A locked person stays, and so do their consents (rules/persons.ts, consents.ts).
    const personId = table === 'persons' ? key : table === 'consents' ? scope.consentPerson(key) : undefined;
    if (personId) refuse(lockedRefusal(!!scope.person(personId)?.lock));
    if (table === 'users' || table === 'groups') refuse(rosterRefusal(scope, doc.author, table, key, undefined));
    return { kind: 'delete', table, key };
  }
  // An erased person stays erased: a change of them made elsewhere (offline) does not bring them back.
  const personId = table === 'persons' ? key : doc.plain.personId;
  if (table !== 'erasures' && typeof personId === 'string' && scope.erased(personId))
    throw new Refused(refusal('sync.refused.personErased'));
  const ready = scope.prepared?.(doc);
  const body = ready?.body ?? bodyOf(doc);
  if (!body || (ready?.hash ?? hashOf(body)) !== doc.bodyHash) throw new Refused(refusal('sync.refused.bodyChanged'));
  try {
    if (isStoredSealed(table)) {
      const secret = table === 'persons' ? broughtSecret(scope, doc, key) : undefined;
      return withSecret(scope, secret, () => checkSealed(scope, doc, table, key, body, secret));
    }
    const record = (
      ready?.opened ? fromJsonBytes(ready.opened) : openFromTransport(scope.keyring, doc._id, body)
    ) as Record<string, unknown>;
    if (table === 'auditLog') return checkSegment(scope, doc, key, record);
    if (primaryKeyOf(table, record) !== key) throw new Refused(refusal('sync.refused.idMismatch'));
    if (table === 'chainCheckpoints') checkCheckpoint(scope, doc, record as unknown as ChainCheckpoint);
    checkAuthor(scope, doc, table, key, record);
    refuse(recordRefusal(table, key, record, scope.setting(key)));
    if (table === 'users' || table === 'groups') refuse(rosterRefusal(scope, doc.author, table, key, record));
    // A grant held here is judged against it first (the race's winner passes); any grant by its fields.
    if (table === 'keyGrants')
      refuse(
        grantRefusal(scope.keyGrant(key), record) ??
          recordRefusalOf('sync.refused.invalidKeyGrant', keyGrantProblem(record)),
      );
    if (table === 'erasures') refuse(lockedRefusal(!!scope.person(key)?.lock));
    return { kind: 'put', table, key, stored: record };
  } catch (e) {
    if (e instanceof Refused || e instanceof Waiting) throw e;
    throw new Refused(refusal('sync.refused.doesNotOpen', { error: e instanceof Error ? e.name : 'error' }));
  }
}

/** A document of a table sealed at rest, opened and judged (checkDoc). */
function checkSealed(
  scope: CheckScope,
  doc: SyncDoc,
  table: string,
  key: string,
  body: Uint8Array,
  secret: PersonKeyRecord | undefined,
): Incoming {
  const opened = openSealedRecord(scope, doc, table, key, body);
  const has = checkAuthor(scope, doc, table, key, opened.record);
  if (table === 'persons') {
    const person = opened.record as unknown as Person;
    const why = personRefusal(scope.person(key), person, doc.author, has, scope.wire);
    // A refusal for a right (to lock, unlock, edit) may change with a group not here yet, as a table's may.
    if (why && RIGHTS_REFUSALS.includes(why.key)) refuseUnlessGroupToCome(scope, scope.user(doc.author), why);
    refuse(why);
    return { kind: 'put', table, key, stored: opened.stored, secret, person };
  }
  refuse(recordRefusal(table, key, opened.record, scope.setting(key)));
  if (table === 'consents' && !scope.hasConsent(key))
    refuse(lockedRefusal(!!scope.person(String(opened.record.personId))?.lock));
  return { kind: 'put', table, key, stored: opened.stored };
}

/**
 * A person's version opened without judging its author: the version a change of this device was
 * made over, which the others hold (sync/ownHeldBack.ts judges the change against it).
 */
export function openPersonVersion(scope: CheckScope, doc: SyncDoc): Person {
  const body = bodyOf(doc);
  if (!body || hashOf(body) !== doc.bodyHash) throw new Refused(refusal('sync.refused.bodyChanged'));
  return openSealedRecord(scope, doc, 'persons', parseDocId(doc._id).key, body).record as unknown as Person;
}

/** A person's document opened (a version in conflict), after the same checks as any incoming one. */
export function openPersonDoc(scope: CheckScope, doc: SyncDoc): Person {
  const incoming = checkDoc(scope, doc);
  if (incoming.kind !== 'put' || incoming.table !== 'persons') throw new Refused(refusal('sync.refused.notPerson'));
  const codec = new TableCodec(
    'persons',
    SEALED_TABLES.persons,
    rawConnection(scope.db).core.table('persons'),
    scope.keyring,
  );
  return codec.decode(incoming.stored) as unknown as Person;
}
