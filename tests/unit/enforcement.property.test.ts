/**
 * Random persons and random edit sequences across every write path: the log always names exactly
 * the fields the generator changed, and no audit entry ever holds a personal value.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  openDatabase,
  ReasonRequiredError,
  seedDefaultPurposes,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import type { AuditEntry } from '../../src/domain/audit';
import { newPerson, type Person } from '../../src/domain/person';
import { freshDb } from './helpers';

const SCALARS = [
  'salutation',
  'title',
  'firstName',
  'lastName',
  'street',
  'postalCode',
  'city',
  'country',
  'phone',
  'fax',
  'email',
] as const;
type Scalar = (typeof SCALARS)[number];

/** Fresh, valid, never-repeated values: each is a token we can look for in the log later. */
let n = 0;
/** The values written in the current run (its database is fresh: no other run's value can be in it). */
let used: string[] = [];
function fresh(field: Scalar | 'furtherPhones'): string {
  n++;
  const v =
    field === 'email'
      ? `t${n}q@example.org`
      : field === 'phone' || field === 'fax' || field === 'furtherPhones'
        ? `+49 30 ${700000 + n}`
        : field === 'postalCode'
          ? String(10000 + (n % 89999))
          : field === 'country'
            ? 'DE'
            : `Wert${n}x`;
  if (field !== 'country' && field !== 'postalCode') used.push(v);
  return v;
}

type Edit = { field: Scalar; mode: 'set' | 'clear' | 'pad' } | { field: 'furtherPhones'; mode: 'add' | 'reverse' };
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...SCALARS),
    mode: fc.constantFrom('set' as const, 'clear' as const, 'pad' as const),
  }),
  fc.record({
    field: fc.constant('furtherPhones' as const),
    mode: fc.constantFrom('add' as const, 'reverse' as const),
  }),
);

const PATHS = ['put', 'update', 'bulkPut', 'bulkUpdate', 'modify', 'upsert', 'delete'] as const;
const opArb = fc.record({
  target: fc.nat(),
  path: fc.constantFrom(...PATHS),
  edits: fc.array(editArb, { minLength: 1, maxLength: 4 }),
  withReason: fc.boolean(),
  create: fc.boolean(),
});

function sameSet(a: readonly string[], b: ReadonlySet<string>): boolean {
  return a.length === b.size && a.every((k) => b.has(k));
}

/** Applies edits to a copy, returning the fields that really changed (the generator's view). */
function applyEdits(p: Person, edits: Edit[]): { next: Person; changed: Set<string> } {
  const next: Person = { ...p, furtherPhones: [...p.furtherPhones] };
  for (const e of edits) {
    if (e.field === 'furtherPhones') {
      if (e.mode === 'add') next.furtherPhones.push(fresh('furtherPhones'));
      else next.furtherPhones.reverse();
    } else if (e.mode === 'set') next[e.field] = fresh(e.field);
    else if (e.mode === 'clear') next[e.field] = '';
    else next[e.field] = next[e.field] ? `  ${next[e.field]} ` : '';
  }
  const changed = new Set<string>();
  for (const f of SCALARS) if (next[f].trim() !== p[f].trim()) changed.add(f);
  if ([...next.furtherPhones].sort().join() !== [...p.furtherPhones].sort().join()) changed.add('furtherPhones');
  return { next, changed };
}

function write(db: ConsentbookDB, path: (typeof PATHS)[number], p: Person): Promise<unknown> {
  const changes: Partial<Person> = { ...p };
  delete changes.id;
  switch (path) {
    case 'put':
      return db.persons.put(p);
    case 'bulkPut':
      return db.persons.bulkPut([p]);
    case 'update':
      return db.persons.update(p.id, changes);
    case 'bulkUpdate':
      return db.persons.bulkUpdate([{ key: p.id, changes }]);
    case 'modify':
      return db.persons.where('id').equals(p.id).modify(changes);
    case 'upsert':
      return db.persons.upsert(p.id, changes);
    case 'delete':
      return db.persons.delete(p.id);
  }
}

let runs = 0;

/**
 * Each run gets a fresh database: empty, its records sealed under the first database's data key,
 * written by the administrator signed in there (a session is not bound to one database), with the
 * default purposes. Cheap, unlike a new sign-in (a slow passphrase derivation) for each of 150 runs.
 */
async function freshRunDb(first: ConsentbookDB, admin: Session): Promise<ConsentbookDB> {
  const db = openDatabase(`${first.name}-run-${++runs}`);
  db.keyring.unlock(first.keyring.requireDataKey());
  await seedDefaultPurposes(db, admin);
  return db;
}

describe('property: the log names exactly the changed fields and never a value', () => {
  it('holds over random persons and edit sequences on every write path', async () => {
    const { db: first, admin } = await freshDb();
    const reason = { purposeId: 'purpose-contract', comment: 'Eigenschaftstest' };
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 50 }), async (ops) => {
        const db = await freshRunDb(first, admin);
        used = [];
        for (const op of ops) {
          const all = await db.persons.toArray();
          const logBefore = await db.auditLog.count();
          let before: Person | null = all.length && !op.create ? all[op.target % all.length] : null;
          if (!before && op.path === 'delete') continue;
          const base = before ?? newPerson('contact', { id: crypto.randomUUID() });
          const { next, changed } =
            op.path === 'delete'
              ? {
                  next: base,
                  changed: new Set(
                    SCALARS.filter((f) => base[f].trim() !== '').concat(
                      base.furtherPhones.some((x) => x.trim()) ? ['furtherPhones' as never] : [],
                    ),
                  ),
                }
              : applyEdits(base, op.edits);
          if (!before) before = null;
          const path = before ? op.path : 'put';
          const attempt = writeWith(
            db,
            {
              session: admin,
              reason: op.withReason ? reason : undefined,
              intent: path === 'delete' ? 'erase' : 'edit',
            },
            [db.persons],
            () => write(db, path, next),
          );
          if (changed.size > 0 && !op.withReason) {
            await expect(attempt).rejects.toBeInstanceOf(ReasonRequiredError);
            await expect(attempt).rejects.toSatisfy((e: ReasonRequiredError) => sameSet(e.fieldKeys, changed));
            expect(await db.auditLog.count()).toBe(logBefore);
            continue;
          }
          await attempt;
          // The count and the newest entry, not the whole log read (and opened) after every write.
          const logLength = await db.auditLog.count();
          const newest = () => db.auditLog.orderBy('seq').last() as Promise<AuditEntry>;
          if (op.path === 'delete' && before) {
            // A deleted natural person always leaves a tombstone.
            expect(logLength).toBe(logBefore + 1);
            const entry = await newest();
            expect(new Set(entry.fieldKeys)).toEqual(changed);
            expect(entry.action).toBe('delete');
            checked++;
          } else if (changed.size === 0) {
            expect(logLength).toBe(logBefore);
          } else {
            expect(logLength).toBe(logBefore + 1);
            const entry = await newest();
            expect(new Set(entry.fieldKeys)).toEqual(changed);
            expect(entry.action).toBe(before ? 'update' : 'create');
            checked++;
          }
        }
        const text = JSON.stringify(await db.auditLog.toArray());
        // One assertion naming every value found, not one per value (thousands over the runs).
        expect(used.filter((value) => text.includes(value.trim()))).toEqual([]);
        await db.delete();
      }),
      { numRuns: 80 },
    );
    expect(checked).toBeGreaterThan(200);
    // 80 fresh books (150 before: 29 s of a full run for one test): about 5 s alone, 15 s beside the browser files under load (a guard, not a speed check).
  }, 300_000);
});
