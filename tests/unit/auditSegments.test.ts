// An import's audit entries stored as segments (domain/auditSegment.ts), read as one log with the
// single entries by core/auditEntries.ts: every reader sees the same log as before segments.
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
  collectAccessReport,
  createBackup,
  deletePerson,
  importPersons,
  logEvent,
  queryAudit,
  restoreBackup,
  savePerson,
  signIn,
  verifyAuditLog,
} from '../../src/data';
import { auditEntryAt } from '../../src/data/queries/audit';
import { rawConnection } from '../../src/data/db';
import {
  allEntries,
  entriesAbove,
  entriesAt,
  lastEntry,
  newestEntries,
  personEntries,
} from '../../src/data/core/auditEntries';
import { verifyAgainstCheckpoint, verifyAuditLogSinceLastCheck } from '../../src/data/queries/auditIntegrity';
import { AuditLogAppendOnlyError } from '../../src/data/core/errors';
import { SEGMENT_MAX, mergeSegments, segmentsOf, type AuditSegment } from '../../src/domain/auditSegment';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { newPerson } from '../../src/domain/person';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import { loadLanguage } from '../../src/i18n/messages';
import { nodePdfFonts } from './sample-data';
import { anna, CONTRACT, enterController, freshDb, PASSPHRASE } from './helpers';

const reason = { purposeId: 'purpose-contract', comment: 'Messekontakte 2024' };
const people = (n: number) =>
  Array.from({ length: n }, (_, i) => newPerson('contact', { firstName: `V${i}`, lastName: `N${i}` }));

/** A saved person (seq 1), an import of 120 (3 segments: seqs 2–121), a saved person (122). */
async function importedBook() {
  const { db, admin } = await freshDb();
  const before = await savePerson(db, admin, anna(), CONTRACT);
  const imported = people(120);
  await importPersons(db, admin, { fileName: 'kontakte.vcf', persons: imported }, reason);
  const after = await savePerson(db, admin, anna({ firstName: 'Berta' }), CONTRACT);
  const raw = rawConnection(db);
  const ids = (await raw.persons.toArray()).map((p) => p.id).filter((id) => id !== before.id && id !== after.id);
  return { db, admin, raw, before, after, ids };
}

const segmentsIn = (db: Awaited<ReturnType<typeof importedBook>>['raw']): Promise<AuditSegment[]> =>
  db.auditSegments.toArray();

describe('audit segments', () => {
  it('hold the import’s entries a chunk a record; the log reads as before, in chain order, and verifies', async () => {
    const { db, raw, before, after } = await importedBook();
    const segments = await segmentsIn(raw);
    expect(segments.map((s) => [s.seq, s.lastSeq, s.entries.length, s.personIds.length])).toEqual([
      [2, 51, 50, 50],
      [52, 101, 50, 50],
      [102, 121, 20, 20],
    ]);
    expect(segments.every((s) => s.firstAt <= s.lastAt && s.entries.every((e) => e.sealedText))).toBe(true);
    expect(await raw.auditLog.count()).toBe(2);
    const log = await allEntries(raw);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 122 }, (_, i) => i + 1));
    expect(log[0].personId).toBe(before.id);
    expect(log.at(-1)!.personId).toBe(after.id);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 122 });
    expect((await lastEntry(raw))!.seq).toBe(122);
    expect((await entriesAbove(raw, 60)).map((e) => e.seq)).toEqual(Array.from({ length: 62 }, (_, i) => i + 61));
    expect((await entriesAt(raw, [1, 75, 121, 122, 500])).map((e) => e?.seq)).toEqual([1, 75, 121, 122, undefined]);
  });

  it('give a person’s entries, newest first in the log, by time, at a place, and opened', async () => {
    const { db, admin, raw, ids } = await importedBook();
    const someone = ids[70];
    await savePerson(db, admin, { ...(await db.persons.get(someone))!, city: 'Bonn' }, CONTRACT);
    expect((await personEntries(raw, someone)).map((e) => [e.seq, e.action])).toEqual([
      [72, 'import'],
      [123, 'update'],
    ]);
    const theirs = await queryAudit(db, { personId: someone });
    expect(theirs.map((e) => [e.seq, e.action, e.comment])).toEqual([
      [123, 'update', CONTRACT.comment],
      [72, 'import', reason.comment],
    ]);
    expect(theirs[1].context).toBe('import:kontakte.vcf');
    const newest = await queryAudit(db, { limit: 60 });
    expect(newest.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => 123 - i));
    expect((await queryAudit(db, { action: 'import' })).length).toBe(120);
    const stamp = (await allEntries(raw))[90].at;
    const byTime = await queryAudit(db, { from: stamp, to: stamp });
    expect(byTime.map((e) => e.seq)).toContain(91);
    expect(byTime.every((e) => e.at === stamp)).toBe(true);
    expect(await auditEntryAt(db, 99)).toMatchObject({ seq: 99, action: 'import', comment: reason.comment });
  });

  it('list the import entry in an imported person’s access report and its PDF', async () => {
    const { db, admin, ids } = await importedBook();
    await enterController(db, admin);
    await loadLanguage('de');
    const report = await collectAccessReport(db, admin, ids[30]);
    expect(report.auditEntries.map((e) => [e.action, e.comment])).toEqual([['import', reason.comment]]);
    const pdf = await renderAccessReport(accessReportInput(report, 'de', '2026-03-01T10:00:00.000Z'), nodePdfFonts());
    const { text } = await extractText(pdf.slice(), { mergePages: true });
    expect(text.replace(/\s+/g, '')).toContain(reason.comment.replace(/\s+/g, ''));
  });

  it('make an erased person’s entry text unreadable while the others of the segment still open', async () => {
    const { db, admin, raw, ids } = await importedBook();
    await deletePerson(db, admin, ids[10], { purposeId: '', comment: 'Löschung verlangt' });
    const [erased] = await personEntries(db, ids[10]);
    expect(erased).toMatchObject({ action: 'import', comment: '', context: '', textErased: true });
    const [other] = await queryAudit(db, { personId: ids[11] });
    expect(other).toMatchObject({ action: 'import', comment: reason.comment });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 123 });
    // The stored bytes stay (the chain covers them); nothing in storage opens them any more.
    expect((await personEntries(raw, ids[10]))[0].sealedText).toBeInstanceOf(Uint8Array);
  });

  it('show tampering inside a segment, a segment removed, and entries or segments reordered', async () => {
    const changed = await importedBook();
    const [first] = await segmentsIn(changed.raw);
    const entries = first.entries.map((e, i) => (i === 7 ? { ...e, purposeName: 'nachträglich' } : e));
    await changed.raw.auditSegments.put({ ...first, entries });
    expect(await verifyAuditLog(changed.db)).toMatchObject({ ok: false, problem: 'changed', seq: 9 });

    const flipped = await importedBook();
    const [one] = await segmentsIn(flipped.raw);
    const bytes = one.entries[3].sealedText!.slice();
    bytes[5] ^= 1;
    await flipped.raw.auditSegments.put({
      ...one,
      entries: one.entries.map((e, i) => (i === 3 ? { ...e, sealedText: bytes } : e)),
    });
    expect(await verifyAuditLog(flipped.db)).toMatchObject({ ok: false, problem: 'changed', seq: 5 });

    const removed = await importedBook();
    await removed.raw.auditSegments.delete(52);
    expect(await verifyAuditLog(removed.db)).toMatchObject({ ok: false, problem: 'removed', seq: 52 });

    const cut = await importedBook();
    await cut.raw.auditLog.delete(122);
    await cut.raw.auditSegments.delete(102);
    expect(await verifyAuditLog(cut.db)).toMatchObject({ ok: false, problem: 'truncated' });

    const swapped = await importedBook();
    const [s] = await segmentsIn(swapped.raw);
    const order = [...s.entries];
    [order[4], order[5]] = [order[5], order[4]];
    await swapped.raw.auditSegments.put({ ...s, entries: order });
    expect(await verifyAuditLog(swapped.db)).toMatchObject({ ok: false, problem: 'reordered' });

    const moved = await importedBook();
    const [a, b] = await segmentsIn(moved.raw);
    await moved.raw.auditSegments.bulkPut([
      { ...a, entries: b.entries },
      { ...b, entries: a.entries },
    ]);
    expect(await verifyAuditLog(moved.db)).toMatchObject({ ok: false, problem: 'reordered' });
  });

  it('are checked since the last check and against a checkpoint inside a segment', async () => {
    const { db, admin, raw } = await importedBook();
    expect(await verifyAuditLogSinceLastCheck(db)).toMatchObject({ ok: true, count: 122 });
    await importPersons(db, admin, { fileName: 'mehr.vcf', persons: people(30) }, reason);
    expect(await verifyAuditLogSinceLastCheck(db)).toMatchObject({ ok: true, count: 152 });
    const inside = (await entriesAt<ChainedEntry>(raw, [80]))[0]!;
    const check = await verifyAgainstCheckpoint(db, { seq: 80, hash: inside.hash });
    expect(check.entry?.seq).toBe(80);
    expect(check.log).toMatchObject({ ok: true });
  });

  it('are written only by the import: saves and logged events stay single entries; none is written from above', async () => {
    const { db, admin, raw } = await importedBook();
    await logEvent(db, admin, 'accessReport', '', 'auskunft');
    expect(await raw.auditSegments.count()).toBe(3);
    expect(await raw.auditLog.count()).toBe(3);
    await expect(
      db.auditSegments.add({ seq: 900, lastSeq: 900, personIds: [], firstAt: '', lastAt: '', entries: [] }),
    ).rejects.toBeInstanceOf(AuditLogAppendOnlyError);
  });

  it('go into a backup as single entries and come back from it as such, the log verifying', async () => {
    const { db, admin, raw, ids } = await importedBook();
    await enterController(db, admin);
    const file = await createBackup(db, admin, 'backup-passphrase');
    await importPersons(db, admin, { fileName: 'später.vcf', persons: people(10) }, reason);
    await restoreBackup(db, admin, file, 'backup-passphrase');
    const session = await signIn(db, 'admin', PASSPHRASE);
    expect(await raw.auditSegments.count()).toBe(0);
    // The backup's 123 entries, and the restore's own.
    expect(await raw.auditLog.count()).toBe(124);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 124 });
    const report = await collectAccessReport(db, session, ids[5]);
    expect(report.auditEntries.map((e) => [e.action, e.comment])).toEqual([['import', reason.comment]]);
  });
});

describe('mergeSegments and segmentsOf', () => {
  const entry = (seq: number, personId = `p${seq}`) =>
    ({ seq, personId, at: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z` }) as ChainedEntry;
  it('splits chained entries into segments of at most SEGMENT_MAX, each naming its persons once', () => {
    const entries = Array.from({ length: SEGMENT_MAX + 3 }, (_, i) => entry(i + 10, i % 2 ? 'a' : 'b'));
    const segments = segmentsOf(entries);
    expect(segments.map((s) => [s.seq, s.lastSeq, s.entries.length])).toEqual([
      [10, 10 + SEGMENT_MAX - 1, SEGMENT_MAX],
      [10 + SEGMENT_MAX, 12 + SEGMENT_MAX, 3],
    ]);
    expect(segments[0].personIds.sort()).toEqual(['a', 'b']);
  });

  it('names "" among its persons when an entry is about no person (another device’s settings entries)', () => {
    expect(segmentsOf([entry(1, 'a'), entry(2, ''), entry(3, 'a')])[0].personIds.sort()).toEqual(['', 'a']);
  });

  it('puts a segment’s entries where its key stands, in the order stored', () => {
    const single = [entry(1), entry(5), entry(9)];
    const segments = [
      { seq: 2, entries: [entry(2), entry(4), entry(3)] },
      { seq: 6, entries: [entry(6), entry(7), entry(8)] },
    ];
    expect(mergeSegments(single, segments).map((e) => e.seq)).toEqual([1, 2, 4, 3, 5, 6, 7, 8, 9]);
    expect(mergeSegments(single, [])).toBe(single);
  });

  it('reads the newest entries across many pages of segments, and entries at far-apart places', async () => {
    // 30 segments of 10 entries as stored (seqs 1001–1300): more than one page of the newest-first
    // reader, which continues below the last segment read.
    const { db } = await freshDb();
    const raw = rawConnection(db);
    const stored = Array.from({ length: 300 }, (_, i) => ({
      ...entry(1001 + i),
      action: i % 3 ? ('import' as const) : ('update' as const),
    }));
    const segs = Array.from({ length: 30 }, (_, k) => segmentsOf(stored.slice(k * 10, k * 10 + 10))[0]);
    await raw.auditSegments.bulkAdd(segs);
    const filter = (e: { action: string }) => e.action === 'import';
    const newest = await newestEntries(raw, { filter, limit: 150 });
    const expected = stored.filter(filter).reverse().slice(0, 150);
    expect(newest.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect((await newestEntries(raw, { filter, limit: 1000 })).length).toBe(200);
    const at = await entriesAt(raw, [1001, 1300, 1150, 1151, 5000, 1002]);
    expect(at.map((e) => e?.seq)).toEqual([1001, 1300, 1150, 1151, undefined, 1002]);
  });
});
