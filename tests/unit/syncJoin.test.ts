// Joining a device through an invitation (issue 19, item 4), against the real sync server: the
// code brings the book, the book's users sign in with their own passphrases, the code works once,
// a stopped pull leaves the device empty, a join stopped while it waits on the server writes
// nothing (before the claim the code stays good), a device with a book cannot join.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasUsers, openDatabase, signIn } from '../../src/data';
import { listQuarantine, readSyncConfig, syncNow, type PullProgress } from '../../src/data/sync';
import { inviteDevice } from '../../src/data/sync/setup';
import { JoinCancelled, joinBook } from '../../src/data/sync/join';
import { InvitationError } from '../../src/data/sync/invitation';
import { RuleError } from '../../src/data/core/errors';
import { anna, freshDb, PASSPHRASE, useSyncServer } from './helpers';

const sync = useSyncServer();
const device = () => sync.track(openDatabase(`joining-${crypto.randomUUID()}`));

async function problemOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'none';
  } catch (e) {
    if (e instanceof InvitationError) return e.problem;
    if (e instanceof JoinCancelled) return 'cancelled';
    if (e instanceof RuleError) return e.messageKey;
    throw e;
  }
}

/**
 * A server that does not answer the requests `matches` picks: they wait until their signal aborts.
 * Resolves once the first such request was sent.
 */
function unanswered(matches: (url: string, method: string) => boolean): Promise<void> {
  const realFetch = globalThis.fetch;
  let sent: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (sent = resolve));
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!matches(url, init?.method ?? 'GET')) return realFetch(input, init);
    sent();
    return new Promise((_, reject) => {
      const signal = init?.signal;
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  });
  return asked;
}
afterEach(() => vi.restoreAllMocks());

/** Joins with `code`, stopped once `asked` resolves: the JoinCancelled it ends with. */
async function stoppedJoin(db: ReturnType<typeof device>, code: string, asked: Promise<void>): Promise<JoinCancelled> {
  const stop = new AbortController();
  const run = joinBook(db, code, () => undefined, stop.signal);
  await asked;
  stop.abort();
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JoinCancelled);
  return error as JoinCancelled;
}

/** Device A: a book with a person, connected to a new database on the server, pushed. */
async function connectedBook() {
  const { a, adminA: admin, first: person } = await sync.connectedBook(anna({ lastName: 'Einladungsfeld' }));
  return { a, admin, person };
}

describe('joining with an invitation', () => {
  it('pulls the book with progress; its users sign in with their own passphrase; the code works once', async () => {
    const { a, admin, person } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const b = device();
    const progress: PullProgress[] = [];
    const { persons } = await joinBook(b, code, (p) => progress.push(p), new AbortController().signal);
    expect(persons).toBe(1);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    const session = await signIn(b, 'admin', PASSPHRASE);
    expect(session.isAdmin).toBe(true);
    expect((await b.persons.get(person.id))?.lastName).toBe('Einladungsfeld');
    // The invitation's record replicates to every device and is passed over, not quarantined.
    await syncNow(a);
    expect(await listQuarantine(a)).toEqual([]);
    expect(await listQuarantine(b)).toEqual([]);

    expect(await problemOf(joinBook(device(), code, () => undefined, new AbortController().signal))).toBe('used');
    // A device holding a book does not join another.
    const { code: next } = await inviteDevice(a, admin);
    expect(await problemOf(joinBook(b, next, () => undefined, new AbortController().signal))).toBe(
      'error.alreadySetUp',
    );
  });

  it('a pull stopped midway leaves the device as empty as before', async () => {
    const { a, admin } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const c = device();
    const stop = new AbortController();
    const run = joinBook(c, code, () => stop.abort(), stop.signal);
    expect(await problemOf(run)).toBe('cancelled');
    expect(await hasUsers(c)).toBe(false);
    expect(await c.persons.count()).toBe(0);
  });

  it('stopped while the invitation is checked: nothing written, the same code joins afterwards', async () => {
    const { a, admin } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const c = device();
    const asked = unanswered((url, method) => method === 'GET' && url.includes('invitation%3A'));
    expect((await stoppedJoin(c, code, asked)).claimed).toBe(false);
    vi.restoreAllMocks();
    expect(await readSyncConfig(c)).toBeUndefined();
    expect(await hasUsers(c)).toBe(false);
    expect((await joinBook(c, code, () => undefined, new AbortController().signal)).persons).toBe(1);
    await signIn(c, 'admin', PASSPHRASE);
    expect(await readSyncConfig(c)).toBeDefined();
  });

  it('stopped while the server is checked after the claim: no connection written, the device empty', async () => {
    const { a, admin } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const c = device();
    // The server's welcome, asked before the book is pulled: the invitation is claimed by then.
    const asked = unanswered((url) => url === sync.server().url);
    expect((await stoppedJoin(c, code, asked)).claimed).toBe(true);
    expect(await readSyncConfig(c)).toBeUndefined();
    expect(await hasUsers(c)).toBe(false);
    expect(await c.persons.count()).toBe(0);
  });

  it('a book not connected to a server cannot invite', async () => {
    const { db, admin } = await freshDb();
    sync.track(db);
    expect(await problemOf(inviteDevice(db, admin))).toBe('error.invitation.notConnected');
  });
});
