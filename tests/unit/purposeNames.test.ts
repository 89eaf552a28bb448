/**
 * A purpose's name is unique: a reason or a consent names its purpose, and two of one name could
 * not be told apart there. Adding and renaming refuse a name taken, in the data layer.
 */
import { describe, expect, it } from 'vitest';
import { addPurpose, updatePurpose } from '../../src/data';
import { writeWith } from '../../src/data/write';
import { freshDb, PASSPHRASE, purposeSeed } from './helpers';
import { setupAdministrator } from '../../src/data/auth';
import { openDatabase } from '../../src/data/db';
import { listPurposes } from '../../src/data/queries/purposes';
import { DEFAULT_PURPOSES, defaultPurposes } from '../../src/domain/purpose';
import { loadLanguage } from '../../src/i18n/messages';

describe('purpose names', () => {
  it('refuses a name taken when adding or renaming; a purpose keeps its own name when changed otherwise', async () => {
    const { db, admin } = await freshDb();
    const payroll = await addPurpose(db, admin, purposeSeed('Lohnabrechnung'));
    const letters = await addPurpose(db, admin, purposeSeed('Rundschreiben'));

    await expect(addPurpose(db, admin, purposeSeed(' Lohnabrechnung '))).rejects.toMatchObject({
      messageKey: 'error.purposeExists',
    });
    await expect(updatePurpose(db, admin, { ...letters, name: 'Lohnabrechnung ' })).rejects.toMatchObject({
      messageKey: 'error.purposeExists',
    });
    expect((await db.purposes.get(letters.id))?.name).toBe('Rundschreiben');

    // Its own name is no conflict: deactivated under the same name, then renamed to a free one.
    await updatePurpose(db, admin, { ...payroll, active: false });
    expect((await db.purposes.get(payroll.id))?.active).toBe(false);
    await updatePurpose(db, admin, { ...letters, name: ' Newsletter ' });
    expect((await db.purposes.get(letters.id))?.name).toBe('Newsletter');
    expect(await db.purposes.where('name').equals('Lohnabrechnung').count()).toBe(1);
  });

  it('lets one of two purposes of one name (added on two devices before they synced) be changed and renamed apart', async () => {
    const { db, admin } = await freshDb();
    const first = await addPurpose(db, admin, purposeSeed('Newsletter'));
    // The other device's purpose, as sync stores it: past the command's check.
    const second = { ...first, id: crypto.randomUUID() };
    await writeWith(db, { session: admin }, [db.purposes], () => db.purposes.put(second));
    await updatePurpose(db, admin, { ...second, active: false });
    expect((await db.purposes.get(second.id))?.active).toBe(false);
    await updatePurpose(db, admin, { ...second, name: 'Newsletter (Filiale)' });
    expect((await db.purposes.get(second.id))?.name).toBe('Newsletter (Filiale)');
    expect((await db.purposes.get(first.id))?.name).toBe('Newsletter');
  });
});

describe('the seeded purposes', () => {
  it('are named in the language the book is set up in; German as the defaults are', async () => {
    await loadLanguage('en');
    const db = openDatabase(`seed-${Math.random().toString(36).slice(2)}`);
    await setupAdministrator(db, { name: 'admin', staffNumber: 'P-1', passphrase: PASSPHRASE, lang: 'en' });
    const seeded = await listPurposes(db);
    expect(seeded.map((p) => [p.id, p.name]).sort()).toEqual([
      ['purpose-address-trade', 'Address trading'],
      ['purpose-advertising', 'Advertising'],
      ['purpose-contract', 'Contractual purpose'],
      ['purpose-public', 'Publicly available data'],
    ]);
    // The same purposes otherwise: basis, consent, ids (the seeded legitimate interest is in the book's language too).
    expect(seeded.map(({ name: _n, createdAt: _c, legitimateInterest: _i, ...rest }) => rest)).toEqual(
      expect.arrayContaining(DEFAULT_PURPOSES.map(({ name: _n, legitimateInterest: _i, ...rest }) => rest)),
    );
    expect(defaultPurposes('de')).toEqual(DEFAULT_PURPOSES);
    const { db: german } = await freshDb();
    expect((await listPurposes(german)).map((p) => p.name).sort()).toEqual(DEFAULT_PURPOSES.map((p) => p.name).sort());
  });
});
