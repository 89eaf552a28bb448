// A switch of GDPR support is logged with the value it was switched to: the entry carries it in
// plain, the hash chain covers it (changed afterwards, the check names the entry), and entries
// without it — every other entry, and switches from before — verify as they always did.
import { describe, expect, it } from 'vitest';
import { savePerson, updatePrivacySettings, verifyAuditLog } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { readLoggingOffPeriods } from '../../src/data/queries/gdprSupport';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { anna, CONTRACT, freshDb } from './helpers';

const entries = async (db: Parameters<typeof rawConnection>[0]) =>
  (await rawConnection(db).auditLog.orderBy('seq').toArray()) as ChainedEntry[];

describe('a switch of GDPR support in the log', () => {
  it('carries which way it went; the chain verifies and covers the value', async () => {
    const { db, admin } = await freshDb();
    await savePerson(db, admin, anna(), CONTRACT);
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true }, 'Testbetrieb');
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
    // A change of the privacy settings that does not switch it states nothing.
    await updatePrivacySettings(db, admin, { consentAttributeName: 'Newsletter' });

    const log = await entries(db);
    const settings = log.filter((e) => e.action === 'settingsChanged');
    const [offAt, onAt, other] = settings.slice(-3);
    expect(offAt).toMatchObject({ fieldKeys: ['gdprSupportDisabled'], gdprSupportDisabled: true });
    expect(onAt).toMatchObject({ fieldKeys: ['gdprSupportDisabled'], gdprSupportDisabled: false });
    expect(other.fieldKeys).toEqual(['consentAttributeName']);
    expect(other).not.toHaveProperty('gdprSupportDisabled');
    // The person's entry, as every entry from before, has no such field: the log verifies all the same.
    expect(log.find((e) => e.personId)).not.toHaveProperty('gdprSupportDisabled');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: log.length });
    expect(await readLoggingOffPeriods(db)).toEqual([{ from: offAt.at, to: onAt.at }]);

    // Turned afterwards (below every rule): the check names the entry as changed.
    await rawConnection(db).auditLog.update(offAt.seq, { gdprSupportDisabled: false });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: offAt.seq });
  });

  it('read with the stated values: two switches off (two devices) are one period from the first', async () => {
    const { db, admin } = await freshDb();
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    // The second device's switch off, as its entry arrives here (sync): a settings entry stating "off".
    const [first] = (await entries(db)).filter((e) => e.gdprSupportDisabled === true);
    const second = { ...first, seq: first.seq + 0.5, at: new Date(Date.parse(first.at) + 1000).toISOString() };
    await rawConnection(db).auditLog.add(second);
    expect(await readLoggingOffPeriods(db)).toEqual([{ from: first.at, to: null }]);
  });
});
