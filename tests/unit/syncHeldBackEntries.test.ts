// A member's change held back (user walk of the team sync), against the REAL sync server: mia's
// phone was offline when the administrator took her edit right; her change of a person arrives on
// the administrator's device, where the checks refuse the record (quarantined) while its audit
// entry, correctly chained, is applied. The entry stays — the chain is proof — but the Protokoll,
// the person's Verlauf and the Auskunft mark it "zurückgehalten — nicht übernommen", never her
// earlier change, which was applied; once a later version of hers is applied, the change is in and
// the mark goes. The matching itself (domain/heldBack.ts) is shown on its own below.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { savePerson, updateUser, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { startSync, stopSync, syncNow } from '../../src/data/sync';
import { queryAudit } from '../../src/data/queries/audit';
import { collectAccessReport } from '../../src/data/queries/reports';
import { HELD_BACK_SLACK_MS, heldBackMark, type HeldBackPersonChange } from '../../src/domain/heldBack';
import type { AuditEntry } from '../../src/domain/audit';
import type { Person } from '../../src/domain/person';
import {
  anna,
  CONTRACT,
  drained,
  enterController,
  hasEntriesOf,
  memberMiaOnB,
  signInSyncing,
  until,
  useSyncServer,
} from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

/** The person's entries by mia on `db`, oldest first, with their marks. */
async function miasEntries(db: ConsentbookDB, personId: string, miaId: string): Promise<AuditEntry[]> {
  return (await queryAudit(db, { personId })).filter((e) => e.userId === miaId).reverse();
}

describe('a member’s change held back', { timeout: 240_000 }, () => {
  it('is marked where its entry is shown; her applied changes are not; a later version applied takes it in', async () => {
    const { a, adminA, b, first } = await sync.twoDevices(anna({ lastName: 'Quasthoff', city: 'Bonn' }));
    const mia = await memberMiaOnB(a, adminA, b, MIA);
    let miaB = await signInSyncing(b, 'mia', MIA);
    const edit = async (city: string) => {
      const stored = (await b.persons.get(first.id)) as Person;
      await savePerson(b, miaB, { ...stored, city }, CONTRACT);
    };

    // While she may: her change is applied on A.
    await edit('Köln');
    await until('A holds her first change', async () => {
      await syncNow(b);
      await syncNow(a);
      return (await a.persons.get(first.id))?.city === 'Köln' && (await hasEntriesOf(a, mia.id));
    });

    // Her phone offline; her right taken on A meanwhile; her change then arrives.
    await until('B pushed', drained(b));
    await stopSync(b);
    await edit('Aachen');
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await until('A pushed', drained(a));
    await syncNow(a);
    await startSync(b, miaB);
    await until('A refused her change and holds its entry', async () => {
      await syncNow(b);
      await syncNow(a);
      const refused = (await readHeldBack(a)).some((q) => q.docId === `persons:${first.id}`);
      return refused && (await miasEntries(a, first.id, mia.id)).length === 2;
    });
    expect((await a.persons.get(first.id))?.city).toBe('Köln');
    const [applied, held] = await miasEntries(a, first.id, mia.id);
    expect(applied).toMatchObject({ action: 'update', fieldKeys: ['city'] });
    expect(applied.heldBack).toBeUndefined();
    expect(held).toMatchObject({ action: 'update', fieldKeys: ['city'], heldBack: 'held' });
    // The whole Protokoll marks it too, and the person's Auskunft.
    expect((await queryAudit(a)).find((e) => e.seq === held.seq)?.heldBack).toBe('held');
    await enterController(a, adminA);
    const report = await collectAccessReport(a, adminA, first.id);
    expect(report.auditEntries.filter((e) => e.userId === mia.id).map((e) => e.heldBack ?? 'applied')).toEqual([
      'applied',
      'held',
    ]);
    // On her own device the change stands: nothing marked there.
    expect((await miasEntries(b, first.id, mia.id)).map((e) => e.heldBack)).toEqual([undefined, undefined]);

    // Her right given back (it holds from her next sign-in): her next version — with the change
    // held back in it — is applied, and the mark goes.
    await updateUser(a, adminA, mia.id, { permissions: ['editPersons'] });
    await until('B holds her right again', async () => {
      await syncNow(a);
      await syncNow(b);
      return (await rawConnection(b).users.get(mia.id))?.permissions.includes('editPersons') === true;
    });
    miaB = await signInSyncing(b, 'mia', MIA);
    // Changes are told apart by their times: hers come seconds apart, not within the slack.
    await new Promise((r) => setTimeout(r, HELD_BACK_SLACK_MS + 100));
    const stored = (await b.persons.get(first.id)) as Person;
    await savePerson(b, miaB, { ...stored, street: 'Domplatz 1' }, CONTRACT);
    await until('A applied her later version', async () => {
      await syncNow(b);
      await syncNow(a);
      const entries = await miasEntries(a, first.id, mia.id);
      return (await a.persons.get(first.id))?.street === 'Domplatz 1' && entries.length === 3;
    });
    // Her phone had her change as its version — the mark goes, the change is in — unless the
    // administrator's version sent meanwhile (vouching for her earlier change) won the conflict
    // there: then her later version carries it not, and it stays marked. Either way, the mark says
    // whether the data holds it.
    const city = (await a.persons.get(first.id))?.city;
    const marks = (await miasEntries(a, first.id, mia.id)).map((e) => e.heldBack);
    expect(marks).toEqual([undefined, city === 'Aachen' ? undefined : 'held', undefined]);
    expect(city === 'Aachen' || city === 'Köln').toBe(true);
  });
});

describe('which entries a held-back version describes', () => {
  const DEVICE = 'phone-1';
  const entry = (
    at: string,
    extra: Partial<AuditEntry & { origin: string }> = {},
  ): AuditEntry & { origin: string } => ({
    at,
    userId: 'u-mia',
    userName: 'mia',
    staffNumber: 'P-7',
    personId: 'p-1',
    action: 'update',
    purposeId: '',
    purposeName: '',
    comment: '',
    fieldKeys: ['city'],
    context: '',
    origin: `${DEVICE}/5`,
    ...extra,
  });
  const change = (extra: Partial<HeldBackPersonChange> = {}): HeldBackPersonChange => ({
    key: 'p-1',
    device: DEVICE,
    author: 'u-mia',
    changedAt: '2026-03-02T10:00:00.000Z',
    since: '2026-03-01T09:00:00.000Z',
    ...extra,
  });

  it('the refused version’s own change and those after the version held here, by its author, on its device', () => {
    expect(heldBackMark(entry('2026-03-02T10:00:00.040Z'), [change()])).toBe('held');
    // An earlier change of hers offline, after the version held here: in the refused version too.
    expect(heldBackMark(entry('2026-03-01T18:00:00.000Z'), [change()])).toBe('held');
    // Her change that was applied (the version held here, its entry a moment after its time).
    expect(heldBackMark(entry('2026-03-01T09:00:00.030Z'), [change()])).toBeUndefined();
    // Later than the refused version; another author, device or person; this device's own entry.
    expect(heldBackMark(entry('2026-03-02T11:00:00.000Z'), [change()])).toBeUndefined();
    expect(heldBackMark(entry('2026-03-02T10:00:00.040Z', { userId: 'u-anna' }), [change()])).toBeUndefined();
    expect(heldBackMark(entry('2026-03-02T10:00:00.040Z', { origin: 'tablet/5' }), [change()])).toBeUndefined();
    expect(heldBackMark(entry('2026-03-02T10:00:00.040Z', { personId: 'p-2' }), [change()])).toBeUndefined();
    expect(heldBackMark({ ...entry('2026-03-02T10:00:00.040Z'), origin: undefined }, [change()])).toBeUndefined();
    // A consent or a proof is a document of its own: not this version's.
    expect(heldBackMark(entry('2026-03-02T10:00:00.040Z', { action: 'consentGiven' }), [change()])).toBeUndefined();
    expect(heldBackMark(entry('2026-03-02T10:00:00.040Z', { context: 'file:f-1' }), [change()])).toBeUndefined();
  });

  it('tells two changes apart a moment after each other', () => {
    const close = change({ since: '2026-03-02T09:59:59.200Z' });
    expect(heldBackMark(entry('2026-03-02T09:59:59.230Z'), [close])).toBeUndefined();
    expect(heldBackMark(entry('2026-03-02T10:00:00.030Z'), [close])).toBe('held');
  });

  it('with the version held here newer (another member’s) or none, only the refused version’s own change', () => {
    for (const since of ['2026-03-02T12:00:00.000Z', undefined]) {
      expect(heldBackMark(entry('2026-03-02T10:00:00.040Z'), [change({ since })])).toBe('held');
      expect(heldBackMark(entry('2026-03-01T18:00:00.000Z'), [change({ since })])).toBeUndefined();
    }
  });

  it('follows what became of the version: applied later, no mark; dropped, marked so', () => {
    const at = '2026-03-02T10:00:00.040Z';
    expect(heldBackMark(entry(at), [change({ outcome: 'applied' })])).toBeUndefined();
    expect(heldBackMark(entry(at), [change({ outcome: 'dropped' })])).toBe('dropped');
  });
});
