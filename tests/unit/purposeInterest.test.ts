/**
 * A purpose on Art. 6(1)(f) names the legitimate interest it pursues (Art. 13(1)(d), 14(2)(b), 30;
 * an objection under Art. 21 is weighed against it). The data layer refuses one made, moved to f or
 * cleared without it; a purpose stored before the field existed still opens, changes, syncs and
 * restores, and is listed among the book's findings until its interest is entered.
 */
import { describe, expect, it } from 'vitest';
import { addPurpose, createBackup, restoreBackup, signIn, updatePurpose } from '../../src/data';
import { setupAdministrator } from '../../src/data/auth';
import { openDatabase, rawConnection } from '../../src/data/db';
import { collectBookFindings } from '../../src/data/queries/bookFindings';
import { listPurposes } from '../../src/data/queries/purposes';
import { queryAudit } from '../../src/data/queries/audit';
import { recordRefusal } from '../../src/data/sync/recordChecks';
import { purposeProblem } from '../../src/domain/purpose';
import { loadLanguage, t } from '../../src/i18n/messages';
import { legacyPurpose } from '../legacyPurpose';
import { freshDb, PASSPHRASE, purposeSeed } from './helpers';

const INTEREST = 'Bestandskundenwerbung für eigene ähnliche Produkte (ErwG 47); sie erwarten sie.';

/** A purpose on f as a version before the legitimate interest stored it. */
const legacy = legacyPurpose;

describe('the data layer asks a purpose on basis f for its legitimate interest', () => {
  it('refuses a new purpose on f without it, stores it trimmed with it; another basis needs none', async () => {
    const { db, admin } = await freshDb();
    for (const legitimateInterest of [undefined, '', '  \n ']) {
      await expect(
        addPurpose(db, admin, purposeSeed('Bestandskunden', { lawfulBasis: 'f', legitimateInterest })),
      ).rejects.toMatchObject({ messageKey: 'error.purposeInterestRequired' });
    }
    expect((await listPurposes(db)).map((p) => p.name)).not.toContain('Bestandskunden');
    expect(t('de', 'error.purposeInterestRequired')).toContain('Welches Interesse verfolgen Sie');

    const added = await addPurpose(
      db,
      admin,
      purposeSeed('Bestandskunden', { lawfulBasis: 'f', legitimateInterest: `  ${INTEREST}\n` }),
    );
    expect((await db.purposes.get(added.id))?.legitimateInterest).toBe(INTEREST);
    const contract = await addPurpose(db, admin, purposeSeed('Wartung', { lawfulBasis: 'b' }));
    expect((await db.purposes.get(contract.id))?.legitimateInterest).toBe('');
  });

  it('refuses clearing a stated interest, or moving a purpose to f without one; a change of it is logged by its label', async () => {
    const { db, admin } = await freshDb();
    const added = await addPurpose(
      db,
      admin,
      purposeSeed('Bestandskunden', { lawfulBasis: 'f', legitimateInterest: INTEREST }),
    );
    await expect(updatePurpose(db, admin, { ...added, legitimateInterest: ' ' })).rejects.toMatchObject({
      messageKey: 'error.purposeInterestRequired',
    });
    const contract = await addPurpose(db, admin, purposeSeed('Wartung'));
    await expect(updatePurpose(db, admin, { ...contract, lawfulBasis: 'f' })).rejects.toMatchObject({
      messageKey: 'error.purposeInterestRequired',
    });
    expect((await db.purposes.get(contract.id))?.lawfulBasis).toBe('b');

    await updatePurpose(db, admin, { ...added, legitimateInterest: 'Kundenbindung.' });
    expect((await db.purposes.get(added.id))?.legitimateInterest).toBe('Kundenbindung.');
    const logged = (await queryAudit(db)).filter((e) => e.context === `purpose:${added.id}`);
    // Its creation, then the change of the interest alone.
    expect(logged.map((e) => e.fieldKeys)).toHaveLength(2);
    expect(logged.map((e) => e.fieldKeys)).toContainEqual(['legitimateInterest']);
  });

  it('keeps a purpose stored before the field usable: renamed, deactivated, changed, until its interest is entered', async () => {
    const { db, admin } = await freshDb();
    await rawConnection(db).purposes.put(legacy());
    const stored = (await db.purposes.get('p-legacy'))!;
    expect(stored.legitimateInterest).toBeUndefined();
    await updatePurpose(db, admin, { ...stored, name: 'Messekontakte 2024' });
    await updatePurpose(db, admin, { ...stored, name: 'Messekontakte 2024', retention: { years: 2, basis: '' } });
    await updatePurpose(db, admin, {
      ...stored,
      name: 'Messekontakte 2024',
      retention: { years: 2, basis: '' },
      active: false,
    });
    const changed = (await db.purposes.get('p-legacy'))!;
    expect(changed).toMatchObject({ name: 'Messekontakte 2024', active: false, retention: { years: 2 } });
    expect('legitimateInterest' in changed).toBe(false);
    // Nothing about an interest is logged for those changes: none was entered.
    const logged = (await queryAudit(db)).filter((e) => e.context === 'purpose:p-legacy');
    expect(logged.flatMap((e) => e.fieldKeys)).not.toContain('legitimateInterest');

    await updatePurpose(db, admin, { ...changed, legitimateInterest: INTEREST });
    expect((await db.purposes.get('p-legacy'))?.legitimateInterest).toBe(INTEREST);
  });
});

describe('the seeded purpose on basis f', () => {
  it('states a legitimate interest in the language the book is set up in', async () => {
    await loadLanguage('en');
    const { db: german } = await freshDb();
    const de = (await german.purposes.get('purpose-public'))!;
    expect(de.lawfulBasis).toBe('f');
    expect(de.legitimateInterest).toBe(t('de', 'purpose.seed.publicInterest'));
    expect(de.legitimateInterest).toContain('allgemein zugänglich');

    const english = openDatabase(`interest-${Math.random().toString(36).slice(2)}`);
    await setupAdministrator(english, { name: 'admin', staffNumber: 'P-1', passphrase: PASSPHRASE, lang: 'en' });
    const en = (await english.purposes.get('purpose-public'))!;
    expect(en.legitimateInterest).toBe(t('en', 'purpose.seed.publicInterest'));
    expect(en.legitimateInterest).toContain('generally accessible');
    // The purposes on another basis pursue none.
    expect((await english.purposes.get('purpose-contract'))?.legitimateInterest).toBe('');
  });
});

describe('the book’s findings', () => {
  it('name a purpose on f without its interest — active, or inactive and still used — until it is entered', async () => {
    const { db, admin } = await freshDb();
    const interestFindings = async () => (await collectBookFindings(db)).filter((f) => f.kind === 'legitimateInterest');
    expect(await interestFindings()).toEqual([]);
    await rawConnection(db).purposes.bulkPut([
      legacy(),
      // Deactivated and held by no one: no document names it any more.
      legacy({ id: 'p-gone', name: 'Alte Aktion', active: false }),
      // As a newer version might store one on another basis: no interest is due.
      legacy({ id: 'p-contract', name: 'Service', lawfulBasis: 'b' }),
    ]);
    expect(await interestFindings()).toEqual([
      { kind: 'legitimateInterest', purposeId: 'p-legacy', name: 'Messekontakte' },
    ]);
    await updatePurpose(db, admin, { ...(await db.purposes.get('p-legacy'))!, legitimateInterest: INTEREST });
    expect(await interestFindings()).toEqual([]);
  });
});

describe('sync and backup take a purpose from before the field as it is', () => {
  it('the incoming record check accepts one without the interest; refuses one whose interest is no text or too long', () => {
    expect(purposeProblem(legacy())).toBeUndefined();
    expect(recordRefusal('purposes', 'p-legacy', { ...legacy() }, undefined)).toBeUndefined();
    expect(purposeProblem(legacy({ legitimateInterest: INTEREST }))).toBeUndefined();
    expect(purposeProblem({ ...legacy(), legitimateInterest: 7 })).toMatchObject({
      messageKey: 'error.purposeInvalid',
    });
    expect(purposeProblem(legacy({ legitimateInterest: 'x'.repeat(1001) }))).toMatchObject({
      messageKey: 'error.purposeInterestTooLong',
    });
  });

  it('a backup restores a purpose without the interest and one with it, each as it was', async () => {
    const { db, admin } = await freshDb();
    await rawConnection(db).purposes.put(legacy());
    const stated = await addPurpose(
      db,
      admin,
      purposeSeed('Bestandskunden', { lawfulBasis: 'f', legitimateInterest: INTEREST }),
    );
    const file = await createBackup(db, admin, 'backup passphrase 1');
    await rawConnection(db).purposes.clear();
    await restoreBackup(db, admin, file, 'backup passphrase 1');
    await signIn(db, 'admin', PASSPHRASE);
    const restored = await db.purposes.get('p-legacy');
    expect(restored?.name).toBe('Messekontakte');
    expect(restored && 'legitimateInterest' in restored).toBe(false);
    expect((await db.purposes.get(stated.id))?.legitimateInterest).toBe(INTEREST);
    expect((await collectBookFindings(db)).filter((f) => f.kind === 'legitimateInterest')).toHaveLength(1);
  });
});
