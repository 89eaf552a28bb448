/**
 * The sync hook into the write path: every stored change of a replicated record (and every audit
 * entry appended) leaves an outbox row — table and key only — in the change's own transaction, so
 * the change, its audit entry and the row are stored together or not at all. The pump
 * (sync/pump.ts) reads the record as stored and hands it to replication.
 *
 * It sits between the enforcement layer (above: rules and audit appends pass through here) and
 * sealing (below). Writes the sync applier makes (the raw connection) pass no middleware, so
 * incoming changes are not sent back. Books not connected to a server write no rows: the switch is
 * read once per connection from the settings and set by the sync code when a book is connected.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import { contextOf } from '../core/context';
import { failedIndexes, isUpgrade, keysOf, throwOnFailure } from './mutations';
import { RECIPIENTS_KEY, SYNC_OPERATOR_KEY } from '../../domain/settings';
import type { AuditSegment } from '../../domain/auditSegment';
import { currentZone, zonedCore } from './enforcement';
import { SYNC_CONFIG_KEY } from '../core/syncSettings';

/** Settings of the book, the same on every device (the others are this device's own). */
export const REPLICATED_SETTINGS: readonly string[] = [
  'privacy',
  'controller',
  'registerNotes',
  RECIPIENTS_KEY,
  SYNC_OPERATOR_KEY,
];

/**
 * The tables whose records replicate — the one list the outbox, the first push and the applier
 * share. In the order a first push takes: what the checks of later documents need comes first.
 */
export const REPLICATED_TABLES: readonly string[] = [
  'settings',
  'users',
  'groups',
  'keyGrants',
  'purposes',
  'persons',
  'consents',
  'files',
  'transactions',
  'requests',
  'breaches',
  'campaigns',
  'auditLog',
  'chainCheckpoints',
  'erasures',
];

export {
  SYNC_CONFIG_KEY,
  SYNC_CHECKPOINT_KEY,
  SYNC_DEVICE_KEY,
  SYNC_JOINING_KEY,
  SYNC_WAITING_KEY,
  SYNC_CLOCKED_DEVICES_KEY,
  SYNC_STATE_SETTINGS,
} from '../core/syncSettings';

export interface OutboxRow {
  seq?: number;
  table: string;
  key: string | number;
  /** The acting user (the entry's user for audit entries); '' when nobody was signed in. */
  author: string;
  /** A conflict resolution: the losing revisions to delete with this change (context.ts). */
  resolves?: readonly string[];
}

/** Whether this connection's book is connected; undefined until read from the settings. */
export interface OutboxSwitch {
  on?: boolean;
}

function replicated(table: string, key: unknown): boolean {
  return table !== 'settings' || REPLICATED_SETTINGS.includes(String(key));
}

/** Write contexts whose records to send again were queued (each once). */
const resent = new WeakSet<object>();

export function outboxMiddleware(state: OutboxSwitch): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'consentbook-outbox',
    // Below enforcement (10), above Dexie's own layers and sealing.
    level: 5,
    create(core) {
      async function enabled(down: DBCore, trans: DBCoreTransaction): Promise<boolean> {
        state.on ??= !!(await down.table('settings').get({ trans, key: SYNC_CONFIG_KEY }));
        return state.on;
      }
      /** Calls down re-enter the zone the write arrived in (see enforcement.ts). */
      async function record(down: DBCore, name: string, req: DBCoreMutateRequest) {
        const keys = await keysOf(down.table(name), req);
        const res = await down.table(name).mutate(req);
        if (!(await enabled(down, req.trans))) return res;
        const failed = failedIndexes(res);
        const ctx = contextOf(req.trans);
        const values = 'values' in req ? (req.values as { userId?: string }[]) : [];
        const rows: OutboxRow[] = keys.flatMap((key, i) =>
          failed.has(i) || !replicated(name, key)
            ? []
            : [
                {
                  table: name,
                  key: key as string | number,
                  author: (name === 'auditLog' ? values[i]?.userId : ctx?.session.userId) ?? '',
                  ...(ctx?.resolves && name === 'persons' ? { resolves: ctx.resolves } : {}),
                },
              ],
        );
        // Records sent again in the acting administrator's name (team/vouch.ts): once, ahead of the
        // transaction's first replicated write — the change taking the members' rights must not
        // reach a device before them, which would refuse the members' versions for good.
        if (ctx?.resend?.length && !resent.has(ctx)) {
          resent.add(ctx);
          const author = ctx.session.userId;
          rows.unshift(...ctx.resend.map(({ table, key }) => ({ table, key, author })));
        }
        // Deleting a person is erasing them: the erasure record (written by sealing) goes out too.
        if (name === 'persons' && req.type !== 'put' && req.type !== 'add')
          rows.push(
            ...keys.map((key) => ({ table: 'erasures', key: key as string, author: ctx?.session.userId ?? '' })),
          );
        await addRows(down, req.trans, rows);
        return res;
      }
      /** An import's segments go out entry by entry, as single entries do: the pump reads them through the one reader. */
      async function recordSegments(down: DBCore, req: DBCoreMutateRequest) {
        const res = await down.table('auditSegments').mutate(req);
        if (req.type !== 'add' || !(await enabled(down, req.trans))) return res;
        const failed = failedIndexes(res);
        const rows: OutboxRow[] = (req.values as AuditSegment[]).flatMap((s, i) =>
          failed.has(i) ? [] : s.entries.map((e) => ({ table: 'auditLog', key: e.seq, author: e.userId })),
        );
        await addRows(down, req.trans, rows);
        return res;
      }
      async function addRows(down: DBCore, trans: DBCoreTransaction, rows: OutboxRow[]) {
        if (rows.length) throwOnFailure(await down.table('outbox').mutate({ type: 'add', trans, values: rows }));
      }
      return {
        ...core,
        transaction(stores, mode, options) {
          const widen = mode === 'readwrite' && stores.some((s) => REPLICATED_TABLES.includes(s));
          return core.transaction(widen ? [...new Set([...stores, 'outbox', 'settings'])] : stores, mode, options);
        },
        table(name) {
          const table = core.table(name);
          if (name !== 'auditSegments' && !REPLICATED_TABLES.includes(name)) return table;
          return {
            ...table,
            mutate(req) {
              // A book known not to be connected writes no rows: the write goes down at once,
              // not after this layer's own awaits (a save's requests are on the user's path).
              if (isUpgrade(req.trans) || state.on === false) return table.mutate(req);
              const down = zonedCore(core, currentZone());
              return name === 'auditSegments' ? recordSegments(down, req) : record(down, name, req);
            },
          };
        },
      };
    },
  };
}
