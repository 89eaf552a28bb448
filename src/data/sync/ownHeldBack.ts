/**
 * This device's own changes the team does not take over. The other devices judge each version by
 * its author's rights as they hold them when it arrives (check.ts, checkAuthor — no times are
 * compared): a member's change made offline that reaches them after an administrator took the
 * right it needs is refused and held back there, while this device, which wrote it, shows it.
 * Once that rights change has arrived here, this device holds the same facts, and judges its own
 * versions with the same checks (checkDoc) against the version each was made over — the one the
 * others hold. Its own versions still out are those it wrote (its device in the document) that are
 * still the version held here (syncRevs): what the team took while the right held, the
 * administrator's vouching sent again in her name (team/vouch.ts), held here as that version.
 * Those refused are kept (settings, this device's own) for the held-back list and the header's
 * count. Nothing is reverted here: this device keeps its value until an administrator's device,
 * refusing it, writes the team's version over it (writeOver.ts) — then that version is applied here
 * too, and the change stays listed as reverted (`reverted`: by whom, the version written over it).
 *
 * A user's versions are judged when their rights as held here lessen (deactivated, a permission
 * gone) — those held here, and those of the persons applied in the run that another version was
 * written over (the rights change and the administrator's version arrived together); a kept one
 * goes once another version is held that carries its values (saved again by someone with the right,
 * over it) or, reverted, once a version after the one written over it is held — not when the right
 * is given back: the others refused it for good. The first run only notes the rights.
 */
import type { Person } from '../../domain/person';
import { conflictingFields } from '../../domain/conflict';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../domain/settings';
import { effectivePermissions, type Group, type User } from '../../domain/user';
import type { PersonKeyRecord } from '../core/crypto/keyring';
import { readSecrets } from '../core/personSecrets';
import { SYNC_OWN_HELD_BACK_KEY } from '../core/syncSettings';
import { rawConnection, type ConsentbookDB } from '../db';
import { readOwnHeldBackState } from '../queries/heldBack';
import { checkDoc, openPersonVersion, Refused, type CheckScope } from './check';
import { parseDocId, type StoredDoc } from './docs';
import { revisionList, type Pouch } from './pouch';
import type { OwnHeldBackState, OwnHeldBackVersion } from './types';

type Rights = OwnHeldBackState['rights'][string];

/** A version to judge: a document's revision held here (or written over by the one held, `over`), and who wrote it. */
interface Held {
  docId: string;
  rev: string;
  author?: string;
  over?: { rev: string; doc: StoredDoc };
}

/** What is kept of a user's rights to tell when they lessen (core/session.ts rightsOf is the sign-in's: no `active`). */
function rightsKept(user: User, groups: readonly Group[]): Rights {
  return { active: user.active, permissions: [...effectivePermissions(user, groups)].sort() };
}

/** Whether `now` lacks what `before` held: a permission taken, the user deactivated or gone. */
function lessened(before: Rights, now: Rights | undefined): boolean {
  return !now || (before.active && !now.active) || before.permissions.some((p) => !now.permissions.includes(p));
}

const sameRights = (a: Rights | undefined, b: Rights | undefined) => JSON.stringify(a) === JSON.stringify(b);
const versionId = (v: { docId: string; rev: string }) => `${v.docId}@${v.rev}`;

/**
 * After the applier: judges this device's versions whose author's rights lessened since last
 * judged, and keeps the list of those the team refuses (written only when it changes).
 */
export async function noteOwnHeldBack(
  db: ConsentbookDB,
  local: Pouch,
  device: string,
  applied: readonly string[] = [],
): Promise<void> {
  const raw = rawConnection(db);
  const [users, groups, stored] = await Promise.all([
    raw.users.toArray(),
    raw.groups.toArray(),
    readOwnHeldBackState(db),
  ]);
  const now = new Map(users.map((u) => [u.id, rightsKept(u, groups)]));
  const rights = Object.fromEntries(now);
  if (!stored) return writeState(db, { rights, versions: [] });
  const before = new Map(Object.entries(stored.rights));
  const changed = new Set([...before.keys(), ...now.keys()].filter((id) => !sameRights(before.get(id), now.get(id))));
  const lessenedFor = [...changed].filter((id) => {
    const was = before.get(id);
    return !!was && lessened(was, now.get(id));
  });
  // A kept version stands while it is the version held here, or the one written over it is (reverted);
  // another applied over it that carries its values took it in. A right given back since does not
  // take it in: the others' refusal of it is final (their quarantine).
  const held = stored.versions.length ? await raw.syncRevs.bulkGet(stored.versions.map((v) => v.docId)) : [];
  const standing = stored.versions.filter((v, i) => held[i]?.rev === (v.reverted?.rev ?? v.rev));
  const replaced = stored.versions.flatMap((v, i) => {
    const now = held[i];
    return !v.reverted && now && now.rev !== v.rev ? [{ v, rev: now.rev }] : [];
  });
  const toJudge: Held[] = lessenedFor.length
    ? [
        ...(await raw.syncRevs.where('author').anyOf(lessenedFor).toArray()).filter((r) =>
          r.docId.startsWith('persons:'),
        ),
        ...(await writtenOver(local, device, lessenedFor, applied)),
      ]
    : [];
  const judged = new Set(toJudge.map(versionId));
  const kept = standing.filter((v) => !judged.has(versionId(v)));
  const reverted = replaced.length ? await revertedSince(db, local, users, groups, replaced) : [];
  const versions = [
    ...kept,
    ...reverted,
    ...(toJudge.length ? await judge(db, local, device, toJudge, users, groups) : []),
  ];
  if (changed.size === 0 && versions.length === stored.versions.length && !replaced.length) return;
  await writeState(db, { rights, versions });
}

/**
 * The persons applied in the run whose version held now was written over a version of this device
 * by one of `authors` (its parent): the rights change and the version written over hers arrived together.
 */
async function writtenOver(
  local: Pouch,
  device: string,
  authors: readonly string[],
  applied: readonly string[],
): Promise<Held[]> {
  const found: Held[] = [];
  for (const docId of new Set(applied.filter((id) => id.startsWith('persons:')))) {
    const doc = (await local.get(docId, { revs: true }).catch(() => undefined)) as StoredDoc | undefined;
    const parent = doc && revisionList(doc._revisions)[1];
    if (!doc || !parent || doc.device === device) continue;
    const before = (await local.get(docId, { rev: parent }).catch(() => undefined)) as StoredDoc | undefined;
    if (before?.device === device && authors.includes(before.author))
      found.push({ docId, rev: parent, author: before.author, over: { rev: doc._rev, doc } });
  }
  return found;
}

/** Kept versions another version was applied over: still listed, marked reverted, where it does not carry their values. */
async function revertedSince(
  db: ConsentbookDB,
  local: Pouch,
  users: User[],
  groups: Group[],
  replaced: readonly { v: OwnHeldBackVersion; rev: string }[],
): Promise<OwnHeldBackVersion[]> {
  const scope = await scopeOf(
    db,
    users,
    groups,
    replaced.map(({ v }) => parseDocId(v.docId).key),
  );
  const found: OwnHeldBackVersion[] = [];
  for (const { v, rev } of replaced) {
    const [own, now] = await Promise.all(
      [v.rev, rev].map((r) => local.get(v.docId, { rev: r, revs: true }).catch(() => undefined)),
    );
    if (!own || !now) continue;
    const mark = revertedMark(scope, own as StoredDoc, now as StoredDoc, v.fields);
    if (mark) found.push({ ...v, reverted: mark });
  }
  return found;
}

/**
 * Whether `now`, written over this device's version `own` (its parent), reverts it: another author's,
 * not carrying own's values of `fields` (all its fields where unknown). Its author and revision, or undefined.
 */
function revertedMark(
  scope: CheckScope,
  own: StoredDoc,
  now: StoredDoc,
  fields: readonly string[] | undefined,
): { by: string; rev: string } | undefined {
  if (revisionList(now._revisions)[1] !== own._rev || now.author === own.author || now.deleted) return undefined;
  const [mine, theirs] = [opened(scope, own), opened(scope, now)];
  if (!mine || !theirs) return undefined;
  const differ = conflictingFields([theirs, mine]).filter((f) => !fields || fields.includes(f));
  return differ.length ? { by: now.author, rev: now._rev } : undefined;
}

/** Writes the state, keeping a note taken meanwhile (commands/heldBack.ts) on the versions it names. */
async function writeState(db: ConsentbookDB, next: OwnHeldBackState): Promise<void> {
  const raw = rawConnection(db);
  await raw.transaction('rw', raw.settings, async () => {
    const now = await readOwnHeldBackState(db);
    const noted = new Map(now?.versions.flatMap((v) => (v.acknowledged ? [[versionId(v), v.acknowledged]] : [])));
    const versions = next.versions.map((v) => {
      const acknowledged = noted.get(versionId(v)) ?? v.acknowledged;
      return acknowledged ? { ...v, acknowledged } : v;
    });
    await raw.settings.put({ key: SYNC_OWN_HELD_BACK_KEY, value: { ...next, versions } });
  });
}

/** This device's versions among `rows` the checks refuse, judged as the other devices judge them. */
async function judge(
  db: ConsentbookDB,
  local: Pouch,
  device: string,
  rows: readonly Held[],
  users: User[],
  groups: Group[],
): Promise<OwnHeldBackVersion[]> {
  const scope = await scopeOf(
    db,
    users,
    groups,
    rows.map((r) => parseDocId(r.docId).key),
  );
  const found: OwnHeldBackVersion[] = [];
  for (const row of rows) {
    const doc = (await local.get(row.docId, { rev: row.rev, revs: true }).catch(() => undefined)) as
      (StoredDoc & { _revisions?: { start: number; ids: string[] } }) | undefined;
    // Another device's version held here passed these checks when it arrived.
    if (!doc || doc.device !== device || doc.author !== row.author) continue;
    const { key } = parseDocId(doc._id);
    scope.team.delete(key);
    const team = doc.deleted ? undefined : await teamVersion(scope, local, doc, device);
    scope.team.set(key, team);
    try {
      checkDoc(scope, doc);
      continue;
    } catch (e) {
      // Waiting for what it needs (a group not here yet): not judged until it is.
      if (!(e instanceof Refused)) continue;
      const own = doc.deleted ? undefined : opened(scope, doc);
      const fields = team && own ? conflictingFields([team, own]) : undefined;
      // Written over since: listed as reverted where the version held now does not carry its values.
      const reverted = row.over && revertedMark(scope, doc, row.over.doc, fields);
      if (row.over && !reverted) continue;
      found.push({
        docId: doc._id,
        rev: doc._rev,
        author: doc.author,
        changedAt: typeof doc.plain.updatedAt === 'string' ? doc.plain.updatedAt : '',
        ...(fields && { fields }),
        refusal: e.refusal,
        ...(reverted && { reverted }),
      });
    }
  }
  return found;
}

/** A person's version opened, or undefined where it does not open. */
function opened(scope: CheckScope, doc: StoredDoc): Person | undefined {
  try {
    return openPersonVersion(scope, doc);
  } catch {
    return undefined;
  }
}

/**
 * The version this device's change was made over, as the others hold it: the nearest earlier
 * revision another device wrote. Undefined where the replica no longer holds it (compacted).
 */
async function teamVersion(
  scope: CheckScope,
  local: Pouch,
  doc: StoredDoc & { _revisions?: { start: number; ids: string[] } },
  device: string,
): Promise<Person | undefined> {
  for (const rev of revisionList(doc._revisions).slice(1)) {
    const before = (await local.get(doc._id, { rev }).catch(() => undefined)) as StoredDoc | undefined;
    if (!before || before.deleted) return undefined;
    if (before.device !== device) return opened(scope, before);
  }
  return undefined;
}

/**
 * What the checks read, as this device holds it now; `team`: each person's version the judged
 * change was made over (the others judge it against theirs). Only persons' versions are judged.
 */
async function scopeOf(
  db: ConsentbookDB,
  users: User[],
  groups: Group[],
  personIds: string[],
): Promise<CheckScope & { team: Map<string, Person | undefined> }> {
  const raw = rawConnection(db);
  const [erased, privacy, purposes, secrets] = await Promise.all([
    raw.erasures.toCollection().primaryKeys(),
    raw.settings.get('privacy'),
    raw.purposes.toCollection().primaryKeys(),
    readSecrets(raw, personIds),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const held = new Map<string, PersonKeyRecord>();
  for (const secret of secrets) {
    if (!secret) continue;
    held.set(secret.personId, secret);
    // The versions' records open with it (as the applier's persons do).
    if (!db.keyring.hasPerson(secret.personId)) db.keyring.addPerson(secret);
  }
  const gone = new Set(erased.map(String));
  const purposeIds = new Set(purposes.map(String));
  const privacySettings = { ...DEFAULT_PRIVACY_SETTINGS, ...(privacy?.value as Partial<PrivacySettings> | undefined) };
  const team = new Map<string, Person | undefined>();
  return {
    db,
    keyring: db.keyring,
    user: (id) => byId.get(id),
    users: () => users,
    groups: () => groups,
    personSecret: (id) => held.get(id),
    erased: (id) => gone.has(id),
    person: (id) => team.get(id),
    setting: () => undefined,
    hasConsent: () => true,
    consentPerson: () => undefined,
    keyGrant: () => undefined,
    wire: { gdpr: !privacySettings.gdprSupportDisabled, hasPurpose: (id) => purposeIds.has(id) },
    awaitedGrant: () => undefined,
    team,
  };
}
