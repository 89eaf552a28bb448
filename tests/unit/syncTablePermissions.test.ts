// A change arriving by sync needs the permission a local write of it needs — one statement both
// read (middleware/rules/permissions.ts): consents, files, transactions, requests, breaches and
// campaigns the edit permission, not any of edit, delete, report or lock. Where a local write's
// permission depends on its intent and only the earlier version tells it (an erasure taking its
// person off a transaction or campaign, a report filed with a request), either passes: documents
// of users who held the right permission still do. Refused with a reason naming table and permission.
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, PermissionDeniedError, savePerson, signIn, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import type { Session } from '../../src/data/core/session';
import { REPLICATED_TABLES } from '../../src/data/middleware/outbox';
import { TABLE_PERMISSIONS } from '../../src/data/middleware/rules/permissions';
import type { CheckScope } from '../../src/data/sync/check';
import { DEFAULT_PURPOSES } from '../../src/domain/purpose';
import type { Permission, User } from '../../src/domain/user';
import { anna, checkScopeFor, CONTRACT, freshDb, refusalOf, rosterUser, syncDocOf, syncedRecords } from './helpers';

/** A user holding exactly `permission`, named after it. */
const holder = (permission: Permission): User => rosterUser(permission, { permissions: [permission] });
const AUTHORS: Permission[] = ['editPersons', 'deletePersons', 'issueReports', 'lockPersons', 'manageReferenceLists'];

/** A valid record of each table, as another device sends it. */
function records(personId: string): Record<string, Record<string, unknown>> {
  return {
    ...syncedRecords(personId),
    requests: {
      id: 'r1',
      personId,
      kind: 'access',
      receivedAt: '2026-01-03',
      dueDate: '2026-02-03',
      extension: null,
      status: 'open',
      documents: [],
      note: '',
      closedAt: null,
      createdAt: '2026-01-03T00:00:00Z',
    },
    campaigns: {
      id: 'k1',
      name: 'Newsletter 2026',
      createdAt: '2026-01-05T00:00:00Z',
      purposeIds: ['purpose-advertising'],
      members: [{ personId, status: 'pending', answeredAt: null, consentId: '' }],
    },
    purposes: { ...DEFAULT_PURPOSES[0], createdAt: '2026-01-01T00:00:00Z' },
  };
}

describe('the permission a change arriving by sync needs, per table', () => {
  let db: ConsentbookDB;
  let scope: CheckScope;
  let record: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    const { db: opened, admin } = await freshDb();
    db = opened;
    record = records((await savePerson(db, admin, anna(), CONTRACT)).id);
    await rawConnection(db).open();
    scope = checkScopeFor(db.keyring, AUTHORS.map(holder), { db });
  });

  /** Another device's put (`stored` given) or delete of `table`'s record, by the holder of `author`. */
  const check = (table: string, author: Permission, stored?: Record<string, unknown>) =>
    refusalOf(scope, syncDocOf(db, table, String(record[table].id), author, stored));
  /** The permissions whose holders `check` lets through; the others' reasons. */
  const judged = (table: string, deleted = false) => {
    const reasons = AUTHORS.map((a) => [a, check(table, a, deleted ? undefined : record[table])] as const);
    return {
      passes: reasons.filter(([, r]) => !r).map(([a]) => a),
      refused: new Set(reasons.filter(([, r]) => r).map(([a, r]) => r.replace(`its author ${a} `, ''))),
    };
  };

  it('a put of a consent, file or breach needs the edit permission — not delete, report or lock', () => {
    for (const table of ['consents', 'files', 'breaches'])
      expect(judged(table), table).toEqual({
        passes: ['editPersons'],
        refused: new Set([`may not change ${table} (it needs editPersons)`]),
      });
  });

  it("a put of a transaction or campaign: the edit permission, or the erasure's (it takes its person off)", () => {
    for (const table of ['transactions', 'campaigns'])
      expect(judged(table), table).toEqual({
        passes: ['editPersons', 'deletePersons'],
        refused: new Set([`may not change ${table} (it needs editPersons or deletePersons)`]),
      });
  });

  it('a put of a request: the edit permission, or the report permission (an issued report filed with it)', () => {
    expect(judged('requests')).toEqual({
      passes: ['editPersons', 'issueReports'],
      refused: new Set(['may not change requests (it needs editPersons or issueReports)']),
    });
  });

  it("a put of a purpose: the reference lists' permission, not the edit permission", () => {
    expect(judged('purposes')).toEqual({
      passes: ['manageReferenceLists'],
      refused: new Set(['may not change purposes (it needs manageReferenceLists)']),
    });
  });

  it("a delete: a file the edit permission or the erasure's; a transaction or campaign the edit permission; a consent the erasure's", () => {
    expect(judged('files', true)).toEqual({
      passes: ['editPersons', 'deletePersons'],
      refused: new Set(['may not change files (it needs editPersons or deletePersons)']),
    });
    for (const table of ['transactions', 'campaigns'])
      expect(judged(table, true), table).toEqual({
        passes: ['editPersons'],
        refused: new Set([`may not change ${table} (it needs editPersons)`]),
      });
    expect(judged('consents', true)).toEqual({
      passes: ['deletePersons'],
      refused: new Set(['may not change consents (it needs deletePersons)']),
    });
  });

  it('every replicated table names its permission (none falls to a default)', () => {
    const own = ['settings', 'auditLog', 'chainCheckpoints'];
    expect(REPLICATED_TABLES.filter((t) => !own.includes(t) && !Object.hasOwn(TABLE_PERMISSIONS, t))).toEqual([]);
  });
});

describe('what sync refuses a member who may only lock, the rules refuse here', () => {
  let db: ConsentbookDB;
  let locker: Session;

  beforeAll(async () => {
    const { db: opened, admin } = await freshDb();
    db = opened;
    await createUser(db, admin, {
      name: 'rita',
      staffNumber: 'P-043',
      passphrase: 'rita passphrase',
      permissions: ['lockPersons'],
      groupIds: [],
    });
    locker = await signIn(db, 'rita', 'rita passphrase');
  });

  it('a put of each table: the edit permission it needs', async () => {
    const record = records('p1');
    for (const table of ['consents', 'files', 'transactions', 'requests', 'breaches', 'campaigns']) {
      const t = db.table(table);
      const attempt = writeWith(db, { session: locker }, [t], () => t.put(record[table]));
      await expect(attempt, table).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(attempt, table).rejects.toMatchObject({ permission: 'editPersons' });
    }
  });
});
