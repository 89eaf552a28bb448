/**
 * The drafts the idle lock keeps: sealed (no value in plain in IndexedDB), one record per user
 * holding every changed form, read only for its own user, and no one writes or deletes another
 * user's drafts. A person-only draft kept by an earlier version still reads.
 */
import { describe, expect, it } from 'vitest';
import { RuleError, createUser, deletePerson, savePerson, signIn } from '../../src/data';
import { dropDraft, keepDrafts, withdrawDrafts } from '../../src/data/commands/drafts';
import { readKeptDraft } from '../../src/data/queries/drafts';
import { rawConnection, type FormDraft } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { anna, CONTRACT, freshDb } from './helpers';

const personForm = (person: ReturnType<typeof anna>, key = person.id): FormDraft => ({
  kind: 'person',
  key,
  label: 'Adler, Anna',
  at: `#/personen/${key || 'neu'}`,
  values: person,
});

async function twoUsers() {
  const { db, admin } = await freshDb();
  await createUser(db, admin, {
    name: 'kim',
    staffNumber: 'P-042',
    passphrase: 'kim passphrase',
    permissions: ['editPersons'],
    groupIds: [],
  });
  const kim = await signIn(db, 'kim', 'kim passphrase');
  return { db, admin, kim };
}

describe('kept drafts', () => {
  it('are sealed at rest and read back only by their own user', async () => {
    const { db, admin, kim } = await twoUsers();
    const person = anna({ city: 'Zwickau' });
    const consent: FormDraft = {
      kind: 'consent',
      key: person.id,
      label: 'Einwilligung erfassen',
      at: `#/personen/${person.id}`,
      values: { channelNote: 'am Telefon, Rückruf Dienstag' },
    };
    await keepDrafts(db, admin, [personForm(person), consent]);

    const [stored] = await rawConnection(db).drafts.toArray();
    expect(Object.keys(stored).sort()).toEqual(['sealed', 'userId']);
    const sealed = new TextDecoder().decode((stored as unknown as { sealed: Uint8Array }).sealed);
    expect(sealed).not.toContain('Zwickau');
    expect(sealed).not.toContain('Rückruf');

    const kept = await readKeptDraft(db, admin);
    expect(kept?.forms.map((f) => f.kind)).toEqual(['person', 'consent']);
    expect((kept?.forms[0].values as { city: string }).city).toBe('Zwickau');
    expect(kept?.forms[1].values).toEqual({ channelNote: 'am Telefon, Rückruf Dienstag' });
    expect(await readKeptDraft(db, kim)).toBeUndefined();
    await dropDraft(db, admin);
    expect(await readKeptDraft(db, admin)).toBeUndefined();
  });

  it('an erasure takes the person out of every user’s kept drafts, other forms stay', async () => {
    const { db, admin, kim } = await twoUsers();
    const erased = await savePerson(db, admin, anna({ city: 'Zwickau' }), CONTRACT);
    const other = await savePerson(db, admin, anna({ lastName: 'Bleibt' }), CONTRACT);
    await keepDrafts(db, admin, [personForm({ ...erased, city: 'Zwickau-Nord' }), personForm(other)]);
    await keepDrafts(db, kim, [personForm({ ...erased, phone: '0375 123456' })]);
    await deletePerson(db, admin, erased.id, { purposeId: '', comment: 'Art. 17 verlangt' });
    expect((await readKeptDraft(db, admin))?.forms.map((f) => f.key)).toEqual([other.id]);
    // Kim's draft held only the erased person: gone, not kept empty.
    expect(await readKeptDraft(db, kim)).toBeUndefined();
    expect(await rawConnection(db).drafts.count()).toBe(1);
  });

  it('a second tab locking keeps the first tab’s drafts; a form kept again replaces its own', async () => {
    const { db, admin } = await twoUsers();
    const first = anna({ city: 'Zwickau' });
    const second = anna({ lastName: 'Zweite' });
    await keepDrafts(db, admin, [personForm(first)]);
    await keepDrafts(db, admin, [personForm(second), personForm({ ...first, city: 'Plauen' })]);
    const kept = await readKeptDraft(db, admin);
    expect(kept?.forms.map((f) => f.key)).toEqual([second.id, first.id]);
    expect((kept?.forms[1].values as { city: string }).city).toBe('Plauen');
  });

  it('forms kept as the page was hidden are taken back once the user is back, unless kept again since', async () => {
    const { db, admin } = await twoUsers();
    const first = anna({ city: 'Zwickau' });
    const other = anna({ lastName: 'Andere' });
    await keepDrafts(db, admin, [personForm(other)]);
    const hidden = await keepDrafts(db, admin, [personForm(first)]);
    await withdrawDrafts(db, admin, [personForm(first)], hidden!);
    expect((await readKeptDraft(db, admin))?.forms.map((f) => f.key)).toEqual([other.id]);

    // The idle lock kept the form again after the page was hidden: the user's work stays.
    const again = await keepDrafts(db, admin, [personForm(first)]);
    await new Promise((done) => setTimeout(done, 2));
    await keepDrafts(db, admin, [personForm({ ...first, city: 'Plauen' })]);
    await withdrawDrafts(db, admin, [personForm(first)], again!);
    expect((await readKeptDraft(db, admin))?.forms.map((f) => f.key)).toEqual([other.id, first.id]);

    // The last form taken back: no record left.
    const only = await readKeptDraft(db, admin);
    await withdrawDrafts(db, admin, only!.forms, only!.keptAt);
    expect(await rawConnection(db).drafts.count()).toBe(0);
  });

  it('no user writes or deletes the draft of another', async () => {
    const { db, admin, kim } = await twoUsers();
    const person = anna();
    await keepDrafts(db, admin, [personForm(person, '')]);
    const planted = writeWith(db, { session: kim }, [db.drafts], () =>
      db.drafts.put({ userId: admin.userId, keptAt: new Date().toISOString(), forms: [personForm(person, '')] }),
    );
    await expect(planted).rejects.toBeInstanceOf(RuleError);
    const removed = writeWith(db, { session: kim }, [db.drafts], () => db.drafts.delete(admin.userId));
    await expect(removed).rejects.toBeInstanceOf(RuleError);
    expect(await readKeptDraft(db, admin)).toBeDefined();
  });

  it('a person-only draft kept before every form took part reads as the person form’s', async () => {
    const { db, admin } = await freshDb();
    const person = anna({ city: 'Zwickau' });
    // The earlier record shape, written through the sealing layer like then.
    await writeWith(db, { session: admin }, [db.drafts], () =>
      db.drafts.put({ userId: admin.userId, keptAt: '2026-11-30T10:00:00.000Z', personId: person.id, person } as never),
    );
    const kept = await readKeptDraft(db, admin);
    expect(kept?.forms).toEqual([
      { kind: 'person', key: person.id, label: 'Zimmermann, Anna', at: `#/personen/${person.id}`, values: person },
    ]);
  });
});
