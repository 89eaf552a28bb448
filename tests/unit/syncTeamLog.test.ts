// One log, verifiable across devices (issue 20, item 4), against the REAL sync server started as a
// process by the test (its pid recorded and ended): the rules the app installs when connecting a
// book refuse a changed or deleted audit entry, checkpoint or erasure record and a document in
// another account's name (403); a chain cut back and rewritten by hand on device A is named, with
// its device, by "Protokoll prüfen" on device B — and A's own check names it from B's checkpoint.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { openDatabase, savePerson, signIn, verifyAuditLog, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import {
  configureSync,
  exportBookKey,
  pullBook,
  recordChainCheckpoint,
  startSync,
  stopSync,
  syncNow,
} from '../../src/data/sync';
import { AUDIT_HEAD_KEY, type ChainedEntry } from '../../src/domain/auditChain';
import { logEvent } from '../../src/data/commands/audit';
import { auditDocId, SEGMENT_ENTRIES, toSegmentDoc } from '../../src/data/sync/docs';
import { RULES_ID } from '../../src/data/sync/rules';
import { SYNC_DEVICE_KEY } from '../../src/data/middleware/outbox';
import { SEGMENT_MAX, type ChainRun } from '../../src/domain/auditSegment';
import { readChainHeads } from '../../src/data/queries/auditIntegrity';
import { anna, CONTRACT, freshDb, PASSPHRASE, remoteEntries, until, useSyncServer } from './helpers';

const sync = useSyncServer();

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(sync.server().url + path, {
    method,
    headers: sync.auth(),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const deviceOf = async (db: ConsentbookDB) => (await rawConnection(db).settings.get(SYNC_DEVICE_KEY))!.value as string;
const twoDevices = () => sync.twoDevices(anna({ lastName: 'Kettenbrecher' }));

describe('the server keeps the log', { timeout: 120_000 }, () => {
  it('installs its rules when connecting; a changed or deleted audit entry and a document in another name get 403', async () => {
    const { config, a } = await twoDevices();
    const rules = await call('GET', `${config.database}/${encodeURIComponent(RULES_ID)}`);
    expect(rules.body.validate_doc_update).toContain('never changed');

    const device = await deviceOf(a);
    const path = `${config.database}/${encodeURIComponent(`auditLog:${device}:1`)}`;
    const entry = await call('GET', path);
    expect(entry.status).toBe(200);
    const changed = await call('PUT', path, { ...entry.body, body: 'AAAA' });
    expect(changed).toEqual({ status: 403, body: { error: 'forbidden', reason: 'auditLog are never changed' } });
    const deleted = await call('DELETE', `${path}?rev=${String(entry.body._rev)}`);
    expect(deleted.status).toBe(403);
    expect((await call('GET', path)).body._rev).toBe(entry.body._rev);

    // A new document (a checkpoint) in another account's name, and an erasure record changed.
    const other = await call('PUT', `${config.database}/chainCheckpoints:forged`, {
      type: 'chainCheckpoints',
      account: 'someone-else',
    });
    expect(other).toMatchObject({
      status: 403,
      body: { reason: 'the document was not written by the signed-in account' },
    });
    const erasure = `${config.database}/erasures:p1`;
    const first = await call('PUT', erasure, { type: 'erasures', account: sync.server().admin.username });
    expect(first.status).toBe(201);
    expect(
      (await call('PUT', erasure, { _rev: first.body.rev, type: 'erasures', account: sync.server().admin.username }))
        .status,
    ).toBe(403);
  });
});

describe('checkpoints name a cut-back chain and its device', { timeout: 120_000 }, () => {
  it('a chain truncated and rewritten by hand on A is named by the check on B, and by A from B’s checkpoint', async () => {
    const { a, b, adminA, adminB } = await twoDevices();
    const deviceA = await deviceOf(a);
    const rawA = rawConnection(a);
    // The head as it stood: the one a thorough attacker puts back (its MAC holds).
    const oldHead = (await rawA.settings.get(AUDIT_HEAD_KEY))!.value as { lastSeq: number };
    await savePerson(a, adminA, anna({ lastName: 'Spurlos' }), CONTRACT);
    await savePerson(a, adminA, anna({ lastName: 'Unsichtbar' }), CONTRACT);
    await syncNow(a);
    const lastSeq = (await rawA.settings.get(AUDIT_HEAD_KEY))!.value as { lastSeq: number };
    const origin = `${deviceA}/${lastSeq.lastSeq}`;
    await until('A’s entries on B', async () => (await remoteEntries(b, origin)).length === 1);
    await recordChainCheckpoint(b, adminB);
    await until(
      'B’s checkpoint on A',
      async () =>
        (await rawA.chainCheckpoints
          .where('device')
          .equals(await deviceOf(b))
          .count()) >= 2,
    );
    expect(await verifyAuditLog(a)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });

    // By hand on A: the entries after the old head go, the old head comes back.
    await stopSync(a);
    const ownCheckpoints = await rawA.chainCheckpoints.where('device').equals(deviceA).primaryKeys();
    await rawA.transaction('rw', rawA.auditLog, rawA.settings, rawA.chainCheckpoints, async () => {
      await rawA.auditLog.filter((e) => !(e as { origin?: string }).origin && e.seq! > oldHead.lastSeq).delete();
      await rawA.settings.put({ key: AUDIT_HEAD_KEY, value: oldHead });
      await rawA.chainCheckpoints.bulkDelete(ownCheckpoints);
    });
    // A's own check names it: B's checkpoint saw A's chain further.
    expect(await verifyAuditLog(a)).toMatchObject({
      ok: false,
      problem: 'truncated',
      seq: lastSeq.lastSeq,
      device: deviceA,
      reportedBy: await deviceOf(b),
    });

    // A goes on writing over the cut: its rewritten entry is refused by the server, its checkpoint arrives.
    const adminA2 = await signIn(a, 'admin', PASSPHRASE);
    await startSync(a, adminA2);
    await savePerson(a, adminA2, anna({ lastName: 'Neuschrieb' }), CONTRACT);
    await recordChainCheckpoint(a, adminA2);
    const latest = (await rawA.chainCheckpoints.where('device').equals(deviceA).sortBy('at')).pop()!;
    expect(latest.heads[deviceA].lastSeq).toBe(oldHead.lastSeq + 1);
    await until('A’s new checkpoint on B', async () => !!(await rawConnection(b).chainCheckpoints.get(latest.id)));
    await syncNow(b);
    expect(await verifyAuditLog(b)).toMatchObject({
      ok: false,
      problem: 'changed',
      seq: oldHead.lastSeq + 1,
      device: deviceA,
      reportedBy: deviceA,
    });
    // B's copy of A's chain is still whole: the server refused the rewritten entry.
    expect(await remoteEntries(b, origin)).toHaveLength(1);
  });
});
/** The server's audit documents of a book: id, revision and the range of entries each holds. */
async function auditSegments(database: string) {
  const range = `startkey=${encodeURIComponent('"auditLog:"')}&endkey=${encodeURIComponent('"auditLog:\ufff0"')}`;
  const { body } = await call('GET', `${database}/_all_docs?include_docs=true&${range}`);
  return (body.rows as { id: string; doc: { _rev: string; plain: { last: number } } }[]).map(({ id, doc }) => ({
    id,
    rev: doc._rev,
    first: Number(id.slice(id.lastIndexOf(':') + 1)),
    last: doc.plain.last,
  }));
}

const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_v, i) => from + i);

describe('audit entries travel as sealed segments of their chain', { timeout: 120_000 }, () => {
  it('a first push sends each entry in exactly one segment; a push repeated after a stop writes none again; B holds each once and verifies', async () => {
    const config = await sync.newBook();
    const { database } = config;
    const { db: a, admin } = await freshDb();
    sync.track(a);
    for (let i = 0; i < 2 * SEGMENT_ENTRIES + 50; i++)
      await logEvent(a, admin, 'settingsChanged', '', `Einstellung ${i}`);
    await configureSync(a, admin, config);
    await startSync(a, admin);
    await until('A pushed', async () => (await rawConnection(a).outbox.count()) === 0);
    const { lastSeq } = (await rawConnection(a).settings.get(AUDIT_HEAD_KEY))!.value as { lastSeq: number };
    const covered = async () => (await auditSegments(database)).reduce((n, s) => n + s.last - s.first + 1, 0);
    await until('the segments on the server', async () => (await covered()) >= lastSeq);
    const segments = await auditSegments(database);
    expect(segments.flatMap((s) => seqs(s.first, s.last)).sort((x, y) => x - y)).toEqual(seqs(1, lastSeq));
    expect(segments.every((s) => s.last - s.first < SEGMENT_ENTRIES)).toBe(true);
    expect(segments.length).toBeLessThanOrEqual(Math.ceil(lastSeq / SEGMENT_ENTRIES) + 2);

    // A stop after the replica took the segments, before the outbox rows were deleted: the rows come again.
    await stopSync(a);
    await rawConnection(a).outbox.bulkAdd(
      seqs(1, lastSeq).map((seq) => ({ table: 'auditLog', key: seq, author: admin.userId })),
    );
    await startSync(a, admin);
    await until('A pushed again', async () => (await rawConnection(a).outbox.count()) === 0);
    await syncNow(a);
    expect(await auditSegments(database)).toEqual(segments);

    const b = sync.track(openDatabase(`device-b-${crypto.randomUUID()}`));
    await pullBook(b, config, exportBookKey(a, admin));
    const fromA = `${await deviceOf(a)}/`;
    const origins = (await remoteEntries(b)).map((e) => e.origin).filter((o) => o.startsWith(fromA));
    const received = origins.map((o) => Number(o.slice(o.lastIndexOf('/') + 1)));
    expect(received.sort((x, y) => x - y)).toEqual(seqs(1, lastSeq));
    // Held as runs of A's chain, a record per at most SEGMENT_MAX entries, none a record of its own.
    const rawB = rawConnection(b);
    expect(await rawB.auditLog.where('origin').startsWith(fromA).count()).toBe(0);
    const runs = (await rawB.auditSegments.orderBy('chain').keys()) as unknown as ChainRun[];
    expect(runs.flatMap(([, first, last]) => seqs(first, last)).sort((x, y) => x - y)).toEqual(seqs(1, lastSeq));
    expect(runs.every(([, first, last]) => last - first < SEGMENT_MAX)).toBe(true);
    const headA = (await rawConnection(a).settings.get(AUDIT_HEAD_KEY))!.value as { lastSeq: number; hash: string };
    expect((await readChainHeads(b, 'device-b'))[fromA.slice(0, -1)]).toEqual({ lastSeq, hash: headA.hash });
    await signIn(b, 'admin', PASSPHRASE);
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });
  });

  it('a new segment bringing another version of an entry B holds is quarantined on B, never applied', async () => {
    const { config, a, b, adminA } = await twoDevices();
    const device = await deviceOf(a);
    const [, entry] = (await rawConnection(a)
      .auditLog.orderBy('seq')
      .filter((e) => !(e as { origin?: string }).origin)
      .limit(2)
      .toArray()) as ChainedEntry[];
    const origin = `${device}/${entry.seq}`;
    await until('A’s entries on B', async () => (await remoteEntries(b, origin)).length === 1);
    // Another version of A's second entry, MAC and seal intact (written with the book's key), as a
    // new document: the first push sent it in a segment that starts with the first entry.
    const forged = [{ ...entry, context: 'umgeschrieben', hash: 'f'.repeat(64) }];
    const env = {
      id: auditDocId(device, entry.seq),
      table: 'auditLog',
      author: adminA.userId,
      device,
      account: config.username,
    };
    const put = await call(
      'PUT',
      `${config.database}/${encodeURIComponent(env.id)}`,
      toSegmentDoc(a.keyring, env, forged),
    );
    expect(put.status).toBe(201);
    await until('quarantined on B', async () => (await readHeldBack(b)).some((q) => q.docId === env.id));
    expect((await readHeldBack(b)).find((q) => q.docId === env.id)?.reason).toBe(
      `its entry ${entry.seq} differs from the one of that chain held here`,
    );
    const kept = await remoteEntries(b, origin);
    expect(kept.map((e) => e.hash)).toEqual([entry.hash]);
  });
});
