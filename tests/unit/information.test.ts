/**
 * Informing the person (issue 16, item 9): the deadlines of Art. 13 (at collection) and Art. 14(3)
 * (one month, month ends included), the clock started by entering and by importing a person, the
 * record of when and how they were informed (logged, sealed), and the Prüfliste's list.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importPersons, savePerson } from '../../src/data';
import { recordInformation } from '../../src/data/commands/information';
import { loadWorklist, notInformedPersons } from '../../src/data/queries/worklist';
import {
  informationAfterDataFromElsewhere,
  informationDue,
  informationListUntil,
  informationOf,
  informationState,
  newInformation,
} from '../../src/domain/information';
import { newPerson } from '../../src/domain/person';
import { rawConnection } from '../../src/data/db';
import { localDate } from '../../src/domain/calendar';
import { anna, CONTRACT, freshDb } from './helpers';

// The user's calendar day, as the clock takes it (not the UTC one).
const TODAY = localDate();

describe('deadline rules (domain)', () => {
  it('Art. 14(3): one month after obtaining the data; the last day of a shorter month', () => {
    const due = (collectedAt: string) => informationDue({ collectedAt, source: 'elsewhere' });
    expect(due('2026-01-15')).toBe('2026-02-15');
    expect(due('2026-01-31')).toBe('2026-02-28');
    expect(due('2028-01-31')).toBe('2028-02-29');
    expect(due('2026-01-29')).toBe('2026-02-28');
    expect(due('2026-03-31')).toBe('2026-04-30');
    expect(due('2026-02-28')).toBe('2026-03-28');
    expect(due('2026-12-31')).toBe('2027-01-31');
    expect(due('2026-11-30')).toBe('2026-12-30');
  });

  it('Art. 13: at collection, the same day', () => {
    expect(informationDue({ collectedAt: '2026-01-31', source: 'direct' })).toBe('2026-01-31');
  });

  it('running, due within 7 days, over, informed', () => {
    const info = newInformation('2026-01-31', 'elsewhere');
    expect(informationState(info, '2026-02-20')).toEqual({ state: 'running', due: '2026-02-28', daysLeft: 8 });
    expect(informationState(info, '2026-02-21')).toEqual({ state: 'dueSoon', due: '2026-02-28', daysLeft: 7 });
    expect(informationState(info, '2026-02-28')).toEqual({ state: 'dueSoon', due: '2026-02-28', daysLeft: 0 });
    expect(informationState(info, '2026-03-01')).toEqual({ state: 'overdue', due: '2026-02-28', daysLeft: -1 });
    expect(informationState({ ...info, informedAt: '2026-02-03', channel: 'letter' }, '2026-06-01')).toEqual({
      state: 'informed',
      informedAt: '2026-02-03',
    });
    expect(informationState(newInformation('2026-05-04', 'direct'), '2026-05-04').state).toBe('dueSoon');
    expect(informationState(newInformation('2026-05-04', 'direct'), '2026-05-05').state).toBe('overdue');
  });

  it('the list reaches 7 days ahead, across month and year ends', () => {
    expect(informationListUntil('2026-02-25')).toBe('2026-03-04');
    expect(informationListUntil('2028-02-25')).toBe('2028-03-03');
    expect(informationListUntil('2026-12-28')).toBe('2027-01-04');
  });

  it('a person stored before the clock was kept: from their creation, by their source', () => {
    expect(informationOf({ createdAt: '2026-03-02T10:00:00Z', source: 'import:x.vcf' })).toEqual(
      newInformation('2026-03-02', 'elsewhere'),
    );
    expect(informationOf({ createdAt: '2026-03-02T10:00:00Z', source: 'manual' }).source).toBe('direct');
  });
});

describe('the collection day is the local one, not UTC’s', () => {
  const zone = process.env.TZ;
  // 00:30 on 5 March in Berlin is 23:30 on 4 March in UTC.
  const berlinJustAfterMidnight = () => new Date(2026, 2, 5, 0, 30);
  beforeEach(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterEach(() => {
    vi.useRealTimers();
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('a moment is read as the local day: the clock, a person stored before it, their deadline', () => {
    const moment = berlinJustAfterMidnight().toISOString();
    expect(moment).toBe('2026-03-04T23:30:00.000Z');
    expect(newInformation(moment, 'direct').collectedAt).toBe('2026-03-05');
    expect(informationOf({ createdAt: moment, source: 'import:x.vcf' }).collectedAt).toBe('2026-03-05');
    expect(informationDue({ collectedAt: moment, source: 'direct' })).toBe('2026-03-05');
    expect(informationDue({ collectedAt: '2026-12-01T23:30:00.000Z', source: 'elsewhere' })).toBe('2027-01-02');
    // A day stays the day it is.
    expect(newInformation('2026-03-05', 'direct').collectedAt).toBe('2026-03-05');
  });

  it('entering and importing a person at 00:30 in Berlin start the clock that day', async () => {
    const { db, admin } = await freshDb();
    // Only Date is faked: IndexedDB's timers keep running.
    vi.useFakeTimers({ toFake: ['Date'], now: berlinJustAfterMidnight() });
    const entered = await savePerson(db, admin, anna(), CONTRACT);
    expect(entered.information?.collectedAt).toBe('2026-03-05');
    expect(entered.informDue).toBe('2026-03-05');
    await importPersons(
      db,
      admin,
      { fileName: 'nacht.vcf', persons: [newPerson('contact', { lastName: 'Nacht' })] },
      CONTRACT,
    );
    const imported = (await db.persons.toArray()).find((p) => p.source === 'import:nacht.vcf');
    expect(imported?.information?.collectedAt).toBe('2026-03-05');
    expect(imported?.informDue).toBe('2026-04-05');
  });
});

describe('more data from elsewhere (domain)', () => {
  it('restarts the month for a person already informed; a clock still running stays as it is', () => {
    const informed = {
      ...newInformation('2026-01-10', 'direct'),
      informedAt: '2026-01-10',
      channel: 'letter' as const,
    };
    expect(informationAfterDataFromElsewhere(informed, '2026-05-02T09:00:00Z')).toEqual(
      newInformation('2026-05-02', 'elsewhere'),
    );
    const running = newInformation('2026-04-20', 'elsewhere');
    expect(informationAfterDataFromElsewhere(running, '2026-05-02')).toBe(running);
  });
});

describe('informing in the data layer', () => {
  it('the list’s query: every person due by the day with their day, in day order, those due later not', async () => {
    const { db } = await freshDb();
    // As stored: only the day index is read, nothing opened.
    const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `imp-${String(i).padStart(2, '0')}`, informDue: day(10) })),
      { id: 'a-early', informDue: day(2) },
      { id: 'z-early', informDue: day(2) },
      { id: 'm-mid', informDue: day(12) },
      { id: 'later', informDue: day(20) },
      { id: 'informed' },
    ].map((r) => ({ ...r, natural: 1, purposeId: '', kind: 'contact' }));
    await rawConnection(db).persons.bulkPut(rows as never[]);
    const due = await notInformedPersons(db, day(12));
    expect([...due]).toEqual([
      ['a-early', day(2)],
      ['z-early', day(2)],
      ...Array.from({ length: 30 }, (_, i) => [`imp-${String(i).padStart(2, '0')}`, day(10)]),
      ['m-mid', day(12)],
    ]);
    expect((await notInformedPersons(db, day(1))).size).toBe(0);
  });

  it('entering a person starts Art. 13, an import Art. 14 for every imported person; companies are not listed', async () => {
    const { db, admin } = await freshDb();
    const entered = await savePerson(db, admin, anna(), CONTRACT);
    expect(entered.information).toEqual(newInformation(TODAY, 'direct'));
    expect(entered.informDue).toBe(TODAY);
    const company = await savePerson(db, admin, { ...newPerson('partner'), organisation: 'Muster GmbH' });
    expect(company.informDue).toBeUndefined();
    await importPersons(
      db,
      admin,
      {
        fileName: 'kontakte.vcf',
        persons: [newPerson('contact', { lastName: 'Eins' }), newPerson('contact', { lastName: 'Zwei' })],
      },
      CONTRACT,
    );
    const imported = (await db.persons.toArray()).filter((p) => p.source === 'import:kontakte.vcf');
    expect(imported.map((p) => p.information)).toEqual([
      newInformation(TODAY, 'elsewhere'),
      newInformation(TODAY, 'elsewhere'),
    ]);
    // Today: only the person entered by hand is due; a month from now, the imported ones too.
    expect([...(await notInformedPersons(db, informationListUntil(TODAY))).keys()]).toEqual([entered.id]);
    const inAMonth = informationDue(newInformation(TODAY, 'elsewhere'));
    expect((await notInformedPersons(db, inAMonth)).size).toBe(3);
  });

  it('recording the information ends the clock, is logged without personal data and sealed; bad input is refused by name', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    expect((await loadWorklist(db, 'notInformed', 0, TODAY)).ids).toEqual([p.id]);
    await expect(
      recordInformation(db, admin, p.id, { informedAt: '01.12.2026', channel: 'letter' }),
    ).rejects.toMatchObject({ messageKey: 'error.informedAt' });
    await expect(
      recordInformation(db, admin, p.id, { informedAt: '2999-01-01', channel: 'letter' }),
    ).rejects.toMatchObject({ messageKey: 'error.informedAtFuture' });
    await expect(
      recordInformation(db, admin, p.id, { informedAt: TODAY, channel: 'pigeon' as never }),
    ).rejects.toMatchObject({ messageKey: 'error.informedChannel' });

    await recordInformation(db, admin, p.id, { informedAt: TODAY, channel: 'email' });
    const stored = await db.persons.get(p.id);
    expect(stored?.information).toEqual({ ...newInformation(TODAY, 'direct'), informedAt: TODAY, channel: 'email' });
    expect(stored?.informDue).toBeUndefined();
    const data = await loadWorklist(db, 'notInformed', 0, TODAY);
    expect(data.ids).toEqual([]);
    expect(data.counts.notInformed).toBe(0);
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'informed',
      personId: p.id,
      fieldKeys: [],
      context: 'email',
    });
    // Sealed: the raw record holds the due date only while it runs, never how the person was informed.
    const raw = db.backendDB().transaction('persons').objectStore('persons').get(p.id) as IDBRequest<
      Record<string, unknown>
    >;
    const rawRecord = await new Promise<Record<string, unknown>>(
      (resolve) => (raw.onsuccess = () => resolve(raw.result)),
    );
    expect(Object.keys(rawRecord)).not.toContain('information');
    expect(rawRecord.informDue).toBeUndefined();
  });

  it('an import merged into a person already informed restarts the Art. 14 clock; a merge that changes nothing does not', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const q = await savePerson(db, admin, anna({ firstName: 'Berta', email: 'berta@example.org' }), CONTRACT);
    for (const id of [p.id, q.id]) await recordInformation(db, admin, id, { informedAt: TODAY, channel: 'letter' });
    await importPersons(
      db,
      admin,
      {
        fileName: 'visitenkarten.vcf',
        persons: [],
        merges: [
          { existingId: p.id, person: newPerson('contact', { lastName: 'Zimmermann', position: 'Einkauf' }) },
          { existingId: q.id, person: newPerson('contact', { lastName: 'Zimmermann' }) },
        ],
      },
      CONTRACT,
    );
    const merged = await db.persons.get(p.id);
    expect(merged?.position).toBe('Einkauf');
    expect(merged?.information).toEqual(newInformation(TODAY, 'elsewhere'));
    expect(merged?.informDue).toBe(informationDue(newInformation(TODAY, 'elsewhere')));
    // Nothing new about the second person: informed as before, on no list.
    expect((await db.persons.get(q.id))?.information?.informedAt).toBe(TODAY);
    const inAMonth = informationDue(newInformation(TODAY, 'elsewhere'));
    expect([...(await notInformedPersons(db, inAMonth)).keys()]).toEqual([p.id]);
  });
});
