/**
 * The audit log below every write: entries are made here from the write context, sealed (their
 * free text), chained and appended in the writing transaction — if the write or its entry fails,
 * neither is stored. The log itself is append-only.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction } from 'dexie';
import type { AuditAction, AuditEntry } from '../../domain/audit';
import { AUDIT_HEAD_KEY, chainEntries } from '../../domain/auditChain';
import { segmentsOf } from '../../domain/auditSegment';
import { contextOf, type WriteContext } from '../core/context';
import { holdsPrivilege } from '../core/capability';
import type { Purpose } from '../../domain/purpose';
import { sealAuditText } from '../core/crypto/auditText';
import type { Keyring } from '../core/crypto/keyring';
import { AuditLogAppendOnlyError, EventNotPermittedError, RuleError } from '../core/errors';
import { holdsRight, RESOLUTION_RIGHT, rightToLog } from '../../domain/eventRights';
import { throwOnFailure } from './mutations';
import { takePresealedText } from './presealed';
import { loadPersonSecrets } from './sealing';
import type { RuleCache } from './ruleCache';

export interface AuditDetails {
  fieldKeys?: string[];
  purpose?: Purpose;
  comment?: string;
  /** Non-personal context; the write context's own when not given. */
  context?: string;
  /** A switch of GDPR support: the value it was switched to (AuditEntry.gdprSupportDisabled). */
  gdprSupportDisabled?: boolean;
}

/** An entry for the acting user of the write. */
export function auditEntry(ctx: WriteContext, action: AuditAction, personId: string, d: AuditDetails = {}): AuditEntry {
  return {
    at: new Date().toISOString(),
    userId: ctx.session.userId,
    userName: ctx.session.userName,
    staffNumber: ctx.session.staffNumber,
    personId,
    action,
    purposeId: d.purpose?.id ?? '',
    purposeName: d.purpose?.name ?? '',
    comment: d.comment ?? '',
    fieldKeys: d.fieldKeys ?? [],
    context: d.context || ctx.auditContext || '',
    // Only on a switch's entry: every other entry keeps the fields (and the hashed form) it had.
    ...(d.gdprSupportDisabled === undefined ? {} : { gdprSupportDisabled: d.gdprSupportDisabled }),
  };
}

/** The last place taken in each transaction's chain: appends within one transaction run one after another. */
const appending = new WeakMap<object, Promise<unknown>>();

/**
 * Takes the next place in the transaction's chain, for entries made later: a write's entries are
 * known only after its rules, and often appended only after its write, so writes under way
 * together (an import's chunks) would be chained in the order they happen to finish, not the one
 * they were issued in. The function returned appends the entries in that place (the first call
 * counts; [] gives the place up). Every place must be filled or given up: the appends after it wait.
 * Across transactions the head's table is in every read-write scope, so they are serialised anyway.
 */
export function reserveAppend(
  down: DBCore,
  trans: DBCoreTransaction,
  keyring: Keyring,
  cache: RuleCache,
): (entries: AuditEntry[]) => Promise<void> {
  let fill!: (entries: AuditEntry[]) => void;
  const given = new Promise<AuditEntry[]>((resolve) => (fill = resolve));
  const next = (appending.get(trans) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const entries = await given;
      if (entries.length === 0) return;
      // A text about a person is sealed under their key: their secret is read first when not in
      // memory (sign-in loads none), else the text would fall back to the record key, out of
      // erasure's reach. An erased person's secret is found nowhere: the record key, as meant.
      const about = entries.filter((e) => e.personId && (e.comment || e.context)).map((e) => e.personId);
      if (keyring.personSecretsStored) await loadPersonSecrets(down, trans, keyring, about);
      const sealed = entries.map((e) => takePresealedText(trans, keyring, e) ?? sealAuditText(keyring, e));
      const { chained, head } = chainEntries(await cache.head(down, trans), sealed, keyring.auditKey());
      cache.moveHead(trans, head);
      // An import's entries as segments, a record per chunk instead of one per entry (IndexedDB's
      // cost is per record); each entry keeps its place and link in the chain.
      const asSegments = contextOf(trans)?.intent === 'import';
      const [res] = await Promise.all([
        asSegments
          ? down.table('auditSegments').mutate({ type: 'add', trans, values: segmentsOf(chained) })
          : down.table('auditLog').mutate({ type: 'add', trans, values: chained }),
        down.table('settings').mutate({ type: 'put', trans, values: [{ key: AUDIT_HEAD_KEY, value: head }] }),
      ]);
      throwOnFailure(res);
    });
  appending.set(trans, next);
  return (entries) => {
    fill(entries);
    return next;
  };
}

/** Appends entries to the hash chain and moves its head, in the caller's transaction (see reserveAppend). */
export function appendAudit(
  down: DBCore,
  trans: DBCoreTransaction,
  keyring: Keyring,
  cache: RuleCache,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  return reserveAppend(down, trans, keyring, cache)(entries);
}

const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** The context of an entry commands/findings.ts writes. */
const FINDING_CONTEXT = /^(bookTags|worklist):/;

/**
 * An event as the caller gave it, made an entry by the data layer: only the fields a command says
 * (the person, action, purpose, comment, context) are taken; the time, the actor, the purpose's
 * name and every stored field (seq, hashes, chain, origin, sealed text) are the layer's. So are
 * field keys and a switch's value: they name what a write changed (a settings entry's keys and
 * value tell when GDPR support was switched and which way, domain/loggingOff.ts), and no event
 * changes a field.
 */
async function eventEntry(
  down: DBCore,
  trans: DBCoreTransaction,
  value: unknown,
  ctx: WriteContext,
  cache: RuleCache,
): Promise<AuditEntry> {
  const v = (value ?? {}) as Partial<Record<keyof AuditEntry, unknown>>;
  const action = text(v.action);
  const context = text(v.context);
  // Every other action is the middleware's own, made from the write it logs — except a conflict's
  // resolution that changes no watched field: its 'update' entry is the resolution's (sync/conflicts.ts).
  const right = action === 'update' && ctx.resolves ? RESOLUTION_RIGHT : rightToLog(action, context);
  if (!right)
    throw new RuleError('error.auditNotEvent', `"${action}" is no event: it is logged with its write`, { action });
  // The data layer's own findings are logged at whoever's sign-in or screen meets them (findings.ts):
  // the privilege admits a finding's own entry, nothing else.
  const finding =
    action === 'settingsChanged' && FINDING_CONTEXT.test(context) && holdsPrivilege(ctx.capability, 'finding');
  if (!finding && !holdsRight(ctx.session, right))
    throw new EventNotPermittedError(action, right, ctx.session.userName);
  const purposeId = text(v.purposeId);
  const purpose = purposeId ? await cache.readPurpose(down, trans, purposeId) : undefined;
  return {
    at: new Date().toISOString(),
    userId: ctx.session.userId,
    userName: ctx.session.userName,
    staffNumber: ctx.session.staffNumber,
    personId: text(v.personId),
    action: action as AuditAction,
    purposeId,
    purposeName: purpose?.name ?? '',
    comment: text(v.comment),
    fieldKeys: [],
    context,
  };
}

/**
 * Writes to the log itself: only additions of events (domain/eventRights.ts), each by a user who may
 * do what it records, which join the chain like the middleware's own entries. The actor is always
 * the session's, the time the write's. With GDPR support off nothing is logged but changes of the
 * settings themselves — a refused event is refused all the same.
 */
export async function appendLoggedEvents(
  down: DBCore,
  req: DBCoreMutateRequest,
  ctx: WriteContext,
  keyring: Keyring,
  cache: RuleCache,
  gdpr: boolean,
): Promise<DBCoreMutateResponse> {
  if (req.type !== 'add') throw new AuditLogAppendOnlyError();
  const entries: AuditEntry[] = [];
  for (const v of req.values) entries.push(await eventEntry(down, req.trans, v, ctx, cache));
  await appendAudit(
    down,
    req.trans,
    keyring,
    cache,
    entries.filter((e) => gdpr || e.action === 'settingsChanged'),
  );
  return { numFailures: 0, failures: {}, lastResult: undefined, results: [] };
}
