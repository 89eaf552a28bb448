// Two devices switch GDPR support off at about the same time, against the REAL sync server (started
// as a process by the test, its pid recorded and ended): each switch's entry travels in its chain's
// segment with the value it states, and both devices read one period without logging, from the
// first switch — not "off until the first, off again from the second", as counting back read it.
import { describe, expect, it } from 'vitest';
import { signIn, updatePrivacySettings, verifyAuditLog } from '../../src/data';
import { startSync, stopSync, syncNow } from '../../src/data/sync';
import { rawConnection, type ConsentbookDB } from '../../src/data/db';
import { readLoggingOffPeriods } from '../../src/data/queries/gdprSupport';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { PASSPHRASE, remoteEntries, until, useSyncServer } from './helpers';

const sync = useSyncServer();

/** The device's own switch off (the newest entry stating it). */
const ownSwitchOff = async (db: ConsentbookDB) =>
  ((await rawConnection(db).auditLog.orderBy('seq').toArray()) as ChainedEntry[])
    .filter((e) => e.gdprSupportDisabled === true)
    .at(-1)!;

/** The other device's switch off, as it arrived here. */
const theirSwitchOff = async (db: ConsentbookDB) =>
  (await remoteEntries(db)).find((e) => e.gdprSupportDisabled === true);

describe('switches of GDPR support by two devices', { timeout: 120_000 }, () => {
  it('travel with their values: both devices read one period from the first, and their logs verify', async () => {
    const { a, adminA, b, adminB } = await sync.twoDevices();
    await stopSync(b);
    await updatePrivacySettings(a, adminA, { gdprSupportDisabled: true }, 'Gerät A');
    await syncNow(a);
    await until('A pushed', async () => (await rawConnection(a).outbox.count()) === 0);
    // B, not yet knowing of A's switch, switches off too.
    await updatePrivacySettings(b, adminB, { gdprSupportDisabled: true }, 'Gerät B');
    const [offA, offB] = [await ownSwitchOff(a), await ownSwitchOff(b)];
    expect(offB.at > offA.at).toBe(true);

    await startSync(b, await signIn(b, 'admin', PASSPHRASE));
    await until('A’s switch on B', async () => !!(await theirSwitchOff(b)));
    await syncNow(b);
    await syncNow(a);
    await until('B’s switch on A', async () => !!(await theirSwitchOff(a)));

    expect(await theirSwitchOff(b)).toMatchObject({ at: offA.at, hash: offA.hash, gdprSupportDisabled: true });
    expect(await theirSwitchOff(a)).toMatchObject({ at: offB.at, hash: offB.hash, gdprSupportDisabled: true });
    for (const db of [a, b]) {
      expect(await readLoggingOffPeriods(db)).toEqual([{ from: offA.at, to: null }]);
      expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    }
  });
});
