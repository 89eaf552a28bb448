/**
 * A new consent records its evidence (PRODUCT.md §4, Art. 7(1)): a written, e-mailed or form
 * consent a file or a logged Kontakt of the person that holds it; a verbal one its note. A consent
 * stored before this rule (a note in place of evidence) stays valid where it is read or received.
 */
import { describe, expect, it } from 'vitest';
import { consentProblems, consentRecordProblem, isUnproven } from '../../src/domain/consent';
import { addTransaction, recordConsent, savePerson } from '../../src/data';
import { anna, CONTRACT, freshDb, SIGNED_FORM, syncedRecords } from './helpers';

const written = {
  purposeIds: ['purpose-advertising'],
  givenAt: '2026-03-01',
  channel: 'written' as const,
  text: 'Einwilligung Newsletter, v2',
  confirmedByUser: true,
};

describe('the evidence of a new consent', () => {
  it('is asked of every channel but the verbal one, whose note is its record', () => {
    for (const channel of ['written', 'email', 'form'] as const)
      expect(consentProblems({ ...written, channel, hasEvidence: false })).toEqual([
        { field: 'evidence', messageKey: 'error.consentNoEvidence' },
      ]);
    expect(consentProblems({ ...written, hasEvidence: true })).toEqual([]);
    expect(consentProblems({ ...written, channel: 'verbal', hasEvidence: false })).toEqual([
      { field: 'channelNote', messageKey: 'error.consentVerbalNote' },
    ]);
    expect(
      consentProblems({ ...written, channel: 'verbal', channelNote: 'am Telefon, 10:15', hasEvidence: false }),
    ).toEqual([]);
  });

  it('is a file or a Kontakt of the person; without either nothing is stored', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await expect(recordConsent(db, admin, { ...written, personId: p.id })).rejects.toMatchObject({
      messageKey: 'error.consentNoEvidence',
    });
    expect(await db.consents.count()).toBe(0);

    const byFile = await recordConsent(db, admin, { ...written, ...SIGNED_FORM, personId: p.id });
    expect(byFile.evidence).toMatchObject({ type: 'file', fileName: 'einwilligung.pdf' });
    const contact = await addTransaction(db, admin, {
      kind: 'contact',
      date: '2026-03-01',
      title: 'E-Mail mit Einwilligung',
      personIds: [p.id],
    });
    const byContact = await recordConsent(db, admin, {
      ...written,
      channel: 'email',
      personId: p.id,
      evidenceTransactionId: contact.id,
    });
    expect(byContact.evidence).toEqual({ type: 'transaction', transactionId: contact.id });
    const verbal = await recordConsent(db, admin, {
      ...written,
      channel: 'verbal',
      channelNote: 'Am Telefon mit Frau Muster, 10:15',
      personId: p.id,
    });
    expect(verbal.evidence).toEqual({ type: 'none', note: 'Am Telefon mit Frau Muster, 10:15' });
    expect(await db.consents.count()).toBe(3);
  });

  it('is not asked again of a consent as stored: one recorded before the rule still reads and syncs', () => {
    // A written consent as another device sends it, its evidence a note of type 'none'.
    const stored = syncedRecords('p1').consents;
    expect(stored).toMatchObject({ channel: 'written', evidence: { type: 'none' } });
    expect(consentRecordProblem(stored)).toBeUndefined();
  });

  it('is missing, for the person page, from a consent in force stored with a note alone where its channel needs a document', () => {
    const stored = syncedRecords('p1').consents;
    expect(isUnproven(stored)).toBe(true);
    for (const channel of ['email', 'form'] as const) expect(isUnproven({ ...stored, channel })).toBe(true);
    // A verbal consent's note is its record; a withdrawn consent holds nothing any more.
    expect(isUnproven({ ...stored, channel: 'verbal' })).toBe(false);
    expect(isUnproven({ ...stored, status: 'withdrawn' })).toBe(false);
    expect(isUnproven({ ...stored, evidence: { type: 'transaction', transactionId: 't1' } })).toBe(false);
    expect(
      isUnproven({
        ...stored,
        evidence: { type: 'file', fileId: 'f1', fileName: 'e.pdf', mimeType: 'application/pdf', size: 17 },
      }),
    ).toBe(false);
  });
});
