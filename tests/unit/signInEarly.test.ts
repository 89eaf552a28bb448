/**
 * Sign-in prepared while the form shows (issue 18): the users' verifiers are read before the
 * click, so PBKDF2 starts in the click's own task; the user read again beside it decides, so a
 * verifier changed since (or a user gone) is never trusted from the early read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changePassphrase, SignInError, signIn } from '../../src/data';
import { prepareSignIn, signOut } from '../../src/data/auth';
import { openDatabase } from '../../src/data/db';
import { memberOf } from '../../src/data/team/members';
import { freshDb, PASSPHRASE } from './helpers';
import { realPbkdf2 } from '../pbkdf2Memo';

// The verifiers and the derivation's start are this file's subject: every derivation runs.
realPbkdf2();

const NEW_PASSPHRASE = 'eine ganz andere Passphrase';

afterEach(() => vi.restoreAllMocks());

/** Calls `signIn` and returns how many PBKDF2 keys it imported before its first await returned. */
function pbkdf2StartedAtOnce(start: () => Promise<unknown>): { started: number; done: Promise<unknown> } {
  const importKey = vi.spyOn(crypto.subtle, 'importKey');
  const done = start();
  const started = importKey.mock.calls.filter(([, , algorithm]) => algorithm === 'PBKDF2').length;
  importKey.mockRestore();
  return { started, done };
}

describe('sign-in prepared before the click', () => {
  it('starts PBKDF2 in the call itself once the form prepared, and signs in', async () => {
    const { db } = await freshDb();
    signOut(db);
    await prepareSignIn(db);
    const { started, done } = pbkdf2StartedAtOnce(() => signIn(db, 'admin', PASSPHRASE));
    expect(started).toBe(1);
    const session = await done;
    expect(session).toMatchObject({ userName: 'admin' });
    expect(db.keyring.unlocked).toBe(true);
    expect(memberOf(db)).toBeDefined();
  });

  it('without the form prepared, PBKDF2 waits for the user read (as before) and still signs in', async () => {
    const { db } = await freshDb();
    signOut(db);
    const { started, done } = pbkdf2StartedAtOnce(() => signIn(db, 'admin', PASSPHRASE));
    expect(started).toBe(0);
    await expect(done).resolves.toMatchObject({ userName: 'admin' });
  });

  it('refuses a wrong passphrase and an unknown user when prepared', async () => {
    const { db } = await freshDb();
    signOut(db);
    await prepareSignIn(db);
    await expect(signIn(db, 'admin', 'falsche Passphrase')).rejects.toBeInstanceOf(SignInError);
    expect(db.keyring.unlocked).toBe(false);
    await expect(signIn(db, 'niemand', PASSPHRASE)).rejects.toBeInstanceOf(SignInError);
    await expect(signIn(db, 'admin', PASSPHRASE)).resolves.toMatchObject({ userName: 'admin' });
  });

  it('a passphrase changed after the form read the verifiers: only the new one signs in', async () => {
    const { db, admin } = await freshDb();
    // A second connection to the same database: another tab, where the form shows.
    const prepared = openDatabase(db.name);
    await prepareSignIn(prepared);
    // Another tab changes the passphrase while this form shows (same database).
    await changePassphrase(db, admin, PASSPHRASE, NEW_PASSPHRASE);
    await expect(signIn(prepared, 'admin', PASSPHRASE)).rejects.toBeInstanceOf(SignInError);
    expect(prepared.keyring.unlocked).toBe(false);
    await expect(signIn(prepared, 'admin', NEW_PASSPHRASE)).resolves.toMatchObject({ userName: 'admin' });
    expect(memberOf(prepared)).toBeDefined();
  });
});
