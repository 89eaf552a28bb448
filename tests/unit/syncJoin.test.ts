// Joining a device through an invitation (issue 19, item 4), against the real sync server: the
// code brings the book, the book's users sign in with their own passphrases, the code works once,
// a stopped pull leaves the device empty, a join stopped while it waits on the server writes
// nothing (before the claim the code stays good), a device with a book cannot join.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { hasUsers, openDatabase, signIn } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { readSyncConfig, syncNow, type PullProgress } from '../../src/data/sync';
import { localPouch } from '../../src/data/sync/pouch';
import { later } from '../../src/i18n/de/later';
import { inviteDevice } from '../../src/data/sync/setup';
import { discardUnfinishedJoin, JoinCancelled, joinBook } from '../../src/data/sync/join';
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

/**
 * How many documents this device's replica holds: 0 once it was deleted (the tests' memory adapter,
 * like IndexedDB, opens a deleted database empty).
 */
async function replicaDocs(db: ReturnType<typeof device>): Promise<number> {
  const replica = await localPouch(db.name);
  const { doc_count } = await replica.info();
  await replica.close();
  return doc_count;
}

/** Nothing of a join left: no user, person, setting (device id, mark, connection), no replica. */
async function expectNothingLeft(db: ReturnType<typeof device>): Promise<void> {
  expect(await hasUsers(db)).toBe(false);
  expect(await db.persons.count()).toBe(0);
  expect(await rawConnection(db).settings.count()).toBe(0);
  expect(await replicaDocs(db)).toBe(0);
}

/** Joins `db` with a new invitation of A's book: the persons it brings. */
async function joinAgain(a: Awaited<ReturnType<typeof connectedBook>>, db: ReturnType<typeof device>) {
  const { code } = await inviteDevice(a.a, a.admin);
  return (await joinBook(db, code, () => undefined, new AbortController().signal)).persons;
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
    expect(await readHeldBack(a)).toEqual([]);
    expect(await readHeldBack(b)).toEqual([]);

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

  it('a pull stopped after records arrived leaves no replica; the device joins again', async () => {
    const book = await connectedBook();
    const { code } = await inviteDevice(book.a, book.admin);
    const c = device();
    const stop = new AbortController();
    // Stopped once records were applied: the replica holds documents by then.
    const run = joinBook(c, code, (p) => (p.done > 0 ? stop.abort() : undefined), stop.signal);
    expect(await problemOf(run)).toBe('cancelled');
    await expectNothingLeft(c);
    expect(await joinAgain(book, c)).toBe(1);
    expect(await replicaDocs(c)).toBeGreaterThan(0);
    await signIn(c, 'admin', PASSPHRASE);
    expect(await readSyncConfig(c)).toBeDefined();
  });

  it('a pull that fails after records arrived leaves nothing; the device joins again', async () => {
    const book = await connectedBook();
    const { code } = await inviteDevice(book.a, book.admin);
    const c = device();
    const failing = joinBook(
      c,
      code,
      (p) => {
        if (p.done > 0) throw new Error('the disk is full');
      },
      new AbortController().signal,
    );
    await expect(failing).rejects.toThrow('the disk is full');
    await expectNothingLeft(c);
    expect(await joinAgain(book, c)).toBe(1);
  });

  it('a join the page was closed on during its pull: no book at the next start, deleted before the next join', async () => {
    const book = await connectedBook();
    const c = device();
    expect(await joinAgain(book, c)).toBe(1);
    // As the page left it: records and replica there, the mark the pull's end removes still set.
    await rawConnection(c).settings.put({ key: 'syncJoining', value: true });
    expect(await c.users.count()).toBeGreaterThan(0);
    expect(await hasUsers(c)).toBe(false);
    expect(await joinAgain(book, c)).toBe(1);
    expect(await hasUsers(c)).toBe(true);
    await signIn(c, 'admin', PASSPHRASE);
    expect(await readSyncConfig(c)).toBeDefined();

    // The first-start screen's setup deletes it the same way.
    const d = device();
    expect(await joinAgain(book, d)).toBe(1);
    await rawConnection(d).settings.put({ key: 'syncJoining', value: true });
    await discardUnfinishedJoin(d);
    await expectNothingLeft(d);
  });

  it('stopped while the claim is under way: whether the code was used is unknown, and said so', async () => {
    const { a, admin } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const c = device();
    const asked = unanswered((url, method) => method === 'PUT' && url.includes('invitation%3A'));
    const stopped = await stoppedJoin(c, code, asked);
    vi.restoreAllMocks();
    expect(stopped.claim).toBe('unanswered');
    expect(stopped.messageKey).toBe('ui.sync.joinCancelledUnknown');
    expect(later['ui.sync.joinCancelledUnknown']).toMatch(/unbekannt.*„Beitreten“.*neue Einladung/s);
    await expectNothingLeft(c);
    // The server never got the claim here: the same code joins.
    expect((await joinBook(c, code, () => undefined, new AbortController().signal)).persons).toBe(1);
  });

  it('the claim sent and the connection lost: whether the code was used is unknown, and said so', async () => {
    const { a, admin } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const c = device();
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (init?.method === 'PUT' && url.includes('invitation%3A')) return Promise.reject(new TypeError('fetch failed'));
      return realFetch(input, init);
    });
    const failed = await joinBook(c, code, () => undefined, new AbortController().signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    vi.restoreAllMocks();
    expect(failed).toMatchObject({ messageKey: 'error.invitation.server.claimUnknown' });
    expect(later['error.invitation.server.claimUnknown']).toMatch(/unbekannt.*„Beitreten“.*neue Einladung/s);
    await expectNothingLeft(c);
    expect((await joinBook(c, code, () => undefined, new AbortController().signal)).persons).toBe(1);
  });

  it('stopped while the invitation is checked: nothing written, the same code joins afterwards', async () => {
    const { a, admin } = await connectedBook();
    const { code } = await inviteDevice(a, admin);
    const c = device();
    const asked = unanswered((url, method) => method === 'GET' && url.includes('invitation%3A'));
    expect((await stoppedJoin(c, code, asked)).claim).toBe('unsent');
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
    expect((await stoppedJoin(c, code, asked)).claim).toBe('recorded');
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
