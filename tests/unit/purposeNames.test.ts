/**
 * A purpose's name is unique: a reason or a consent names its purpose, and two of one name could
 * not be told apart there. Adding and renaming refuse a name taken, in the data layer.
 */
import { describe, expect, it } from 'vitest';
import { addPurpose, updatePurpose } from '../../src/data';
import { writeWith } from '../../src/data/write';
import { freshDb, purposeSeed } from './helpers';

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
