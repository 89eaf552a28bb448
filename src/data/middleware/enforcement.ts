/**
 * The enforcement middleware: the purpose rule, locks, permissions, retention and the audit log,
 * below every Dexie write path. This file is the adapter; each table's rules are in `rules/`, the
 * audit append in `audit.ts`.
 *
 * Why DBCore middleware and not table hooks: hooks must be synchronous (no reading purposes or
 * settings), do not see `deleteRange` as individual keys, and make Dexie read old values for every
 * write anyway. At the DBCore level every path — add, put, update, bulk*, Collection.modify,
 * delete, Collection.delete, writes inside larger transactions — arrives as one `mutate` call with
 * the full new values, so one place decides. The middleware widens every read-write transaction to
 * the audit log and the tables the rules read, and appends the audit entry with the same
 * transaction: if the person's write or the entry fails, neither is stored.
 */
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import type { AuditEntry } from '../../domain/audit';
import { contextOf, type WriteContext } from '../core/context';
import type { Keyring } from '../core/crypto/keyring';
import { AuditLogAppendOnlyError, NotSignedInError } from '../core/errors';
import { isGenuineSession, withinRights } from '../core/session';
import { currentRightsOf } from '../core/currentRights';
import { holdsPrivilege } from '../core/capability';
import { appendLoggedEvents, reserveAppend } from './audit';
import { abortTransaction, failedIndexes, isDelete, isUpgrade, keysOf, passDown, throwOnFailure } from './mutations';
import { RuleWrite, type Change, type TableRule } from './rules/rule';
import { RuleCache, storedHead } from './ruleCache';
import { LoadedVersionChangedError, loadedVersions, missLoaded, sameData } from './loaded';
import { sameHead, type ChainHead } from '../../domain/auditChain';
import { keepStored, notStored, watchCommit } from './stored';
import { personRules } from './rules/persons';
import { consentRules } from './rules/consents';
import { settingRules } from './rules/settings';
import { purposeRules } from './rules/purposes';
import { userRules } from './rules/users';
import { transactionRules } from './rules/transactions';
import { fileRules } from './rules/files';
import { breachRules, recordRules, requestRules } from './rules/records';
import { internalRules } from './rules/internal';
import { draftRules } from './rules/drafts';
import { keyGrantRules } from './rules/keyGrants';

/** Tables every read-write transaction is widened to: the log and what the rules read. */
const RULE_SCOPE = [
  'auditLog',
  'auditSegments',
  'settings',
  'purposes',
  'transactions',
  'users',
  'groups',
  'persons',
  'consents',
  'personStatus',
];

const RULES: Partial<Record<string, TableRule<unknown>>> = {
  persons: personRules,
  consents: consentRules,
  settings: settingRules,
  purposes: purposeRules,
  users: userRules,
  groups: userRules,
  transactions: transactionRules,
  files: fileRules,
  requests: requestRules,
  breaches: breachRules,
  campaigns: recordRules,
  personKeys: internalRules,
  personKeyGroups: internalRules,
  erasures: internalRules,
  personStatus: internalRules,
  directory: internalRules,
  directoryKeys: internalRules,
  drafts: draftRules,
  keyGrants: keyGrantRules,
  outbox: internalRules,
  quarantine: internalRules,
  syncRevs: internalRules,
  conflicts: internalRules,
  // Signed heads of the audit chains: written by the sync layer through the raw connection only
  // (sync/checkpoints.ts, the applier); a checkpoint from here would be judged forged.
  chainCheckpoints: internalRules,
};

function requireContext(req: DBCoreMutateRequest, table: string): WriteContext {
  const ctx = contextOf(req.trans);
  if (!ctx || !isGenuineSession(ctx.session)) throw new NotSignedInError(table);
  return ctx;
}

/**
 * Runs a table's rules over one request. Its entries' place in the chain is taken as it arrives
 * (audit.ts, reserveAppend): requests under way together are chained in the order issued.
 */
async function enforce(
  rule: TableRule<unknown>,
  w: RuleWrite,
  keyring: Keyring,
  cache: RuleCache,
): Promise<DBCoreMutateResponse> {
  const append = reserveAppend(w.down, w.req.trans, keyring, cache);
  try {
    return await enforceRules(rule, w, keyring, cache, append);
  } finally {
    // A place left unfilled (no entries, or a refusal) is given up, or the appends after it would wait.
    append([]).catch(() => undefined);
  }
}

/** Each record checked and completed, stored, logged, followed up. */
async function enforceRules(
  rule: TableRule<unknown>,
  w: RuleWrite,
  keyring: Keyring,
  cache: RuleCache,
  append: (entries: AuditEntry[]) => Promise<void>,
): Promise<DBCoreMutateResponse> {
  const { table, req, keys } = w;
  const planned = await planFromLoaded(rule, w, keyring, cache);
  if (planned) return finish(rule, w, planned.olds, planned, await writeFromLoaded(w, cache, append, planned));
  cache.prefetchHead(w.down, req.trans);
  await rule.prepare?.(w);
  // Issued together: each await is a round trip, and a save is on the user's critical path. An add
  // has no old version (a clash on the key fails the add itself).
  const [olds] = await Promise.all([
    req.type === 'add' || rule.readsStored === false
      ? keys.map(() => undefined)
      : table.getMany({ trans: req.trans, keys, cache: 'clone' }),
    w.privacy(),
    w.reasonPurpose(),
  ]);
  const outcome = await outcomes(rule, w, olds);
  const { values, audits } = outcome;
  // An update's entries are issued together with its write: one round trip, not one after the
  // other. Only where the write changes nothing of how they are sealed: their persons' keys are
  // loaded already (a new person's key is made, an erased one's dropped, by the write itself —
  // sealing.ts — so those entries follow it). An entry must never outlive its write: a logged
  // write that fails then aborts the whole transaction, even where a caller catches the error.
  const logged = audits.flat();
  const together = logged.length > 0 && !isDelete(req) && sealedAlready(logged, keyring);
  const written = passDown(table, req, keys, isDelete(req) ? undefined : values);
  const res = together ? await togetherOrAbort(req.trans, written, append(logged), audits) : await written;
  const failed = failedIndexes(res);
  const after = together ? [] : audits.flatMap((entries, i) => (failed.has(i) ? [] : entries));
  if (after.length) await append(after);
  return finish(rule, w, olds, outcome, res);
}

interface Outcomes {
  values: unknown[];
  /** Per record, the entries its write is logged with (none, one, or one per person it names). */
  audits: AuditEntry[][];
}

function entriesOf(audit: AuditEntry | readonly AuditEntry[] | undefined): AuditEntry[] {
  if (!audit) return [];
  return 'action' in audit ? [audit] : [...audit];
}

/** The rules over each record against its stored version (`olds`). */
async function outcomes(rule: TableRule<unknown>, w: RuleWrite, olds: readonly unknown[]): Promise<Outcomes> {
  const audits: AuditEntry[][] = [];
  const values: unknown[] = [];
  if (isDelete(w.req)) {
    for (const [i, key] of w.keys.entries())
      audits.push(entriesOf((await rule.beforeDelete(olds[i], String(key), w)).audit));
  } else {
    for (const [i, next] of w.req.values.entries()) {
      const outcome = await rule.beforeWrite(olds[i], next, w);
      values.push(outcome.value);
      audits.push(entriesOf(outcome.audit));
    }
  }
  return { values, audits };
}

/** Whether entries can be sealed before their write: their persons' keys are in memory (or none is stored). */
function sealedAlready(logged: readonly AuditEntry[], keyring: Keyring): boolean {
  return logged.every((e) => !e.personId || !keyring.personSecretsStored || keyring.hasPerson(e.personId));
}

/** What was stored, handed on; the rule's follow-up (derived data). */
async function finish(
  rule: TableRule<unknown>,
  w: RuleWrite,
  olds: readonly unknown[],
  { values }: Outcomes,
  res: DBCoreMutateResponse,
): Promise<DBCoreMutateResponse> {
  const { table, req, keys } = w;
  const failed = failedIndexes(res);
  if (!isDelete(req)) keepStored(req.trans, table.name, keys, values, failed);
  else notStored(req.trans, table.name);
  if (rule.afterWrite) {
    const changes: Change<unknown>[] = keys.flatMap((key, i) =>
      failed.has(i) ? [] : [{ key: String(key), old: olds[i], next: isDelete(req) ? undefined : values[i] }],
    );
    await rule.afterWrite(changes, w);
  }
  return res;
}

interface Planned extends Outcomes {
  olds: unknown[];
  head: ChainHead;
}

/**
 * The rules' outcome on the versions the caller loaded (loaded.ts), when the write can go down
 * with its checks in one round trip: a put of loaded records, the transaction's first append (its
 * head guessed from this connection's last commit), entries sealable before the write. A refusal
 * on the loaded versions is not final — the stored ones decide, the careful way.
 */
async function planFromLoaded(
  rule: TableRule<unknown>,
  w: RuleWrite,
  keyring: Keyring,
  cache: RuleCache,
): Promise<Planned | undefined> {
  if (w.req.type !== 'put' || rule.readsStored === false) return undefined;
  const olds = loadedVersions(w.ctx, w.table.name, w.keys);
  const head = olds && cache.guessHead(w.req.trans);
  if (!olds || !head) return undefined;
  try {
    await rule.prepare?.(w);
    await Promise.all([w.privacy(), w.reasonPurpose()]);
    const planned = await outcomes(rule, w, olds);
    const logged = planned.audits.flat();
    return sealedAlready(logged, keyring) ? { ...planned, olds, head } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reads that check the plan, then the write and its entries, issued together. The check
 * aborts the transaction when the stored versions or the head are not the ones planned with.
 */
async function writeFromLoaded(
  w: RuleWrite,
  cache: RuleCache,
  append: (entries: AuditEntry[]) => Promise<void>,
  planned: Planned,
): Promise<DBCoreMutateResponse> {
  const { table, req, keys } = w;
  const trans = req.trans;
  cache.assumeHead(trans, planned.head);
  // Made before the write: IndexedDB answers them with the versions before it.
  const stored = table.getMany({ trans, keys });
  const head = storedHead(w.down, trans);
  const checked = Promise.all([stored, head]).then(([now, headNow]) => {
    if (now.every((v, i) => sameData(v, planned.olds[i])) && sameHead(headNow, planned.head)) return;
    missLoaded(trans);
    throw new LoadedVersionChangedError(table.name);
  });
  const logged = planned.audits.flat();
  const written = passDown(table, req, keys, planned.values);
  const appended = Promise.all([append(logged), checked]).then(() => undefined);
  return togetherOrAbort(trans, written, appended, planned.audits);
}

/** The write and its entries, both or neither: a failure of either aborts the transaction. */
async function togetherOrAbort(
  trans: DBCoreTransaction,
  written: Promise<DBCoreMutateResponse>,
  appended: Promise<void>,
  audits: readonly AuditEntry[][],
): Promise<DBCoreMutateResponse> {
  try {
    const [res] = await Promise.all([written, appended]);
    if ([...failedIndexes(res)].some((i) => audits[i]?.length)) throwOnFailure(res);
    return res;
  } catch (e) {
    abortTransaction(trans);
    throw e;
  }
}

/**
 * Dexie tracks the current transaction in a zone (PSD) that native `await` inside a middleware
 * can lose; the lower layers read it. Every call down re-enters the zone the write arrived in.
 */
interface ZoneApi {
  PSD: unknown;
  usePSD<T>(psd: unknown, fn: () => T): T;
}
const zones = Dexie.Promise as unknown as ZoneApi;

export function currentZone(): unknown {
  return zones.PSD;
}

function zonedTable(table: DBCoreTable, psd: unknown): DBCoreTable {
  const wrap =
    <R, A>(fn: (req: A) => R) =>
    (req: A) =>
      zones.usePSD(psd, () => fn(req));
  return {
    ...table,
    get: wrap(table.get.bind(table)),
    getMany: wrap(table.getMany.bind(table)),
    query: wrap(table.query.bind(table)),
    count: wrap(table.count.bind(table)),
    openCursor: wrap(table.openCursor.bind(table)),
    mutate: wrap(table.mutate.bind(table)),
  };
}

/**
 * The tables below, made once per core: each `table()` call builds every layer's wrapper anew
 * (Dexie's virtual-index layer rebuilds its index lookup), and the rules ask for one per request.
 * A DBCore table holds no transaction (Dexie keeps one per table too).
 */
const coreTables = new WeakMap<DBCore, Map<string, DBCoreTable>>();

function tableBelow(down: DBCore, name: string): DBCoreTable {
  let tables = coreTables.get(down);
  if (!tables) coreTables.set(down, (tables = new Map<string, DBCoreTable>()));
  let table = tables.get(name);
  if (!table) tables.set(name, (table = down.table(name)));
  return table;
}

export function zonedCore(down: DBCore, psd: unknown): DBCore {
  return { ...down, table: (name: string) => zonedTable(tableBelow(down, name), psd) };
}

async function guard(
  down: DBCore,
  table: DBCoreTable,
  req: DBCoreMutateRequest,
  keyring: Keyring,
  cache: RuleCache,
): Promise<DBCoreMutateResponse> {
  const rule = table.name === 'auditLog' ? undefined : RULES[table.name];
  if (rule?.admitsWithoutSession && !contextOf(req.trans) && (await rule.admitsWithoutSession(down, table, req))) {
    notStored(req.trans, table.name);
    return table.mutate(req);
  }
  const signedIn = requireContext(req, table.name);
  // Restore writes records as they are: only the restore code's own capability skips the rules.
  if (holdsPrivilege(signedIn.capability, 'restore')) {
    notStored(req.trans, table.name);
    return table.mutate(req);
  }
  // The acting user's rights as they stand now, not only as at the sign-in (core/currentRights.ts).
  const now = currentRightsOf(down.schema.name, signedIn.session.userId);
  const ctx = now === undefined ? signedIn : { ...signedIn, session: withinRights(signedIn.session, now) };
  if (!rule) {
    const gdpr = !(await cache.readPrivacy(down, req.trans)).gdprSupportDisabled;
    return appendLoggedEvents(down, req, ctx, keyring, cache, gdpr);
  }
  return enforce(rule, new RuleWrite(ctx, down, table, req, await keysOf(table, req), cache, keyring), keyring, cache);
}

export const enforcementMiddleware = (keyring: Keyring): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'consentbook-enforcement',
  create(down) {
    const cache = new RuleCache(down.schema.name);
    return {
      ...down,
      transaction(stores, mode, options) {
        if (mode !== 'readwrite') return down.transaction(stores, mode, options);
        const trans = down.transaction([...new Set([...stores, ...RULE_SCOPE])], mode, options);
        watchCommit(down.schema.name, trans);
        cache.watchHead(trans);
        return trans;
      },
      table(name) {
        const table = down.table(name);
        // Segments are written only below, by the audit append (audit.ts): append-only like the log.
        if (name === 'auditSegments')
          return {
            ...table,
            mutate: (req) => (isUpgrade(req.trans) ? table.mutate(req) : Promise.reject(new AuditLogAppendOnlyError())),
          };
        if (name !== 'auditLog' && !RULES[name]) return table;
        return {
          ...table,
          mutate(req) {
            // Schema upgrades rewrite stored data, they do not change it on anyone's behalf.
            if (isUpgrade(req.trans)) {
              notStored(req.trans, name);
              return table.mutate(req);
            }
            cache.written(req.trans, name);
            const psd = zones.PSD;
            return guard(zonedCore(down, psd), zonedTable(table, psd), req, keyring, cache);
          },
        };
      },
    };
  },
});
