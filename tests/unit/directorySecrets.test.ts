/**
 * The directory's workers get every stored secret (rowReader.ts forEachSecretRun): read from
 * `personKeys` once per unlock and kept in the keyring, so the next build — and every other reader
 * of all secrets (the export, a save's audit text) — reads none again; an erased person's secret is
 * never handed out, from the store or from memory.
 */
import { describe, expect, it } from 'vitest';
import { deletePerson, savePerson, signIn } from '../../src/data';
import { signOut } from '../../src/data/auth';
import { forEachSecretRun } from '../../src/data/directory/rowReader';
import type { SecretRun } from '../../src/data/directory/bucketLoad';
import { anna, CONTRACT, freshDb, idbRequests, PASSPHRASE } from './helpers';

const idsOf = (runs: SecretRun[]) =>
  runs
    .flatMap((r) => (r.ids ? r.ids.split('\n') : []))
    .sort()
    .join(',');

/** Calls of getAll on `personKeys` while `fn` runs (Dexie reads a range with getAll). */
const personKeyReads = async (fn: () => Promise<void>) =>
  (await idbRequests(fn)).filter((r) => r === 'personKeys getAll').length;

describe('the secrets the directory hands its workers', () => {
  it('are read from personKeys once per unlock, then from the keyring; an erased person’s never', async () => {
    const { db, admin } = await freshDb();
    const ids: string[] = [];
    for (let i = 0; i < 24; i++)
      ids.push((await savePerson(db, admin, anna({ firstName: `Person${i}`, lastName: 'Runde' }), CONTRACT)).id);
    await deletePerson(db, admin, ids[3], { purposeId: '', comment: 'Löschung verlangt' });
    // A sign-in holds no person's secret.
    signOut(db);
    const again = await signIn(db, 'admin', PASSPHRASE);
    expect(db.keyring.allPersonsLoaded).toBe(false);

    const first: SecretRun[] = [];
    const firstReads = await personKeyReads(() => forEachSecretRun(db, (run) => first.push(run)));
    expect(firstReads).toBe(16);
    const expected = ids.filter((id) => id !== ids[3]).sort();
    expect(idsOf(first)).toBe(expected.join(','));
    expect(db.keyring.allPersonsLoaded).toBe(true);
    for (const id of expected) expect(db.keyring.hasPerson(id)).toBe(true);

    const second: SecretRun[] = [];
    const secondReads = await personKeyReads(() => forEachSecretRun(db, (run) => second.push(run)));
    expect(secondReads).toBe(0);
    expect(idsOf(second)).toBe(idsOf(first));
    // The same bytes for each person, whichever way they came.
    const bytes = (runs: SecretRun[]) =>
      new Map(
        runs.flatMap((r) =>
          (r.ids ? r.ids.split('\n') : []).map((id, i) => [id, r.secrets.slice(32 * i, 32 * i + 32).join()]),
        ),
      );
    expect(bytes(second)).toEqual(bytes(first));

    // Erased after the load: gone from memory and from the next build's runs.
    await deletePerson(db, again, ids[5], { purposeId: '', comment: 'Löschung verlangt' });
    const third: SecretRun[] = [];
    await forEachSecretRun(db, (run) => third.push(run));
    expect(idsOf(third).split(',')).not.toContain(ids[5]);
    expect(idsOf(third).split(',')).toHaveLength(expected.length - 1);
  });

  it('come into no keyring of a later unlock when the sign-out came while they were read', async () => {
    const { db, admin } = await freshDb();
    for (let i = 0; i < 6; i++) await savePerson(db, admin, anna({ firstName: `P${i}` }), CONTRACT);
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    const reading = forEachSecretRun(db, () => undefined);
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    await reading;
    expect(db.keyring.allPersonsLoaded).toBe(false);
  });
});
