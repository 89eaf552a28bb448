/**
 * Nothing typed vanishes without a word when the session ends by itself (idle lock, a new version
 * taking over the tab): drafts the device cannot store (a full disk) are held sealed in the tab,
 * with the reason, and open after the same user's next sign-in; held nowhere, an update does not
 * reload the tab.
 */
import { describe, expect, it, vi } from 'vitest';
import { createUser, deletePerson, savePerson, signIn } from '../../src/data';
import type { FormDraft } from '../../src/data/db';
import { keepDrafts } from '../../src/data/commands/drafts';
import { openDraftsAside, readKeptDraft } from '../../src/data/queries/drafts';
import {
  forgetHeldDrafts,
  forgetLeftDrafts,
  heldDrafts,
  holdLeftDrafts,
  keepForLock,
  leftDrafts,
  keepForms,
  reloadIntoUpdate,
  type Keeping,
} from '../../src/ui/keepUnsaved';
import { anna, CONTRACT, freshDb, PASSPHRASE } from './helpers';

const form = (key: string, city: string): FormDraft => ({
  kind: 'person',
  key,
  label: 'Adler, Anna',
  at: `#/personen/${key || 'neu'}`,
  values: anna({ city }),
});

/** This tab's sessionStorage; `full`: it refuses too. */
function tabStorage(full = false): NonNullable<Keeping['tab']> {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k) => void items.delete(k),
  };
}

/** keepDrafts on a device whose disk is full: IndexedDB refuses the write. */
function fullDisk(db: Awaited<ReturnType<typeof freshDb>>['db']): Keeping['keep'] {
  vi.spyOn(db.drafts, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
  return keepDrafts;
}

describe('keeping drafts when the session ends by itself', () => {
  it('stores them on the device when it can, holding nothing in the tab', async () => {
    const { db, admin } = await freshDb();
    const tab = tabStorage();
    expect(await keepForms(db, admin, [form('', 'Zwickau')], { keep: keepDrafts, tab })).toEqual({ where: 'stored' });
    expect(heldDrafts(tab)).toBeNull();
    expect((await readKeptDraft(db, admin))?.forms).toHaveLength(1);
  });

  it('a full disk: held sealed in the tab with the reason, opened for the same user only after signing in again', async () => {
    const { db, admin } = await freshDb();
    await createUser(db, admin, {
      name: 'kim',
      staffNumber: 'P-042',
      passphrase: 'kim passphrase',
      permissions: ['editPersons'],
      groupIds: [],
    });
    const tab = tabStorage();
    const kept = await keepForms(db, admin, [form('', 'Zwickau')], { keep: fullDisk(db), tab });
    vi.restoreAllMocks();

    expect(kept).toMatchObject({ where: 'tab', reason: { key: 'error.storageFull' } });
    expect(await readKeptDraft(db, admin)).toBeUndefined();
    const held = heldDrafts(tab)!;
    expect(held.reason.key).toBe('error.storageFull');
    // Sealed: nothing typed is readable in the tab's storage.
    expect(JSON.stringify(held)).not.toContain('Zwickau');

    const kim = await signIn(db, 'kim', 'kim passphrase');
    expect(await openDraftsAside(db, kim, held.drafts)).toBeNull();
    const again = await signIn(db, 'admin', PASSPHRASE);
    const opened = await openDraftsAside(db, again, held.drafts);
    expect(opened?.forms.map((f) => (f.values as { city: string }).city)).toEqual(['Zwickau']);
    forgetHeldDrafts(tab);
    expect(heldDrafts(tab)).toBeNull();
  });

  it('a form about a person erased while held is not offered', async () => {
    const { db, admin } = await freshDb();
    const person = anna();
    await savePerson(db, admin, person, CONTRACT);
    const tab = tabStorage();
    await keepForms(db, admin, [form(person.id, 'Zwickau')], { keep: fullDisk(db), tab });
    vi.restoreAllMocks();
    await deletePerson(db, admin, person.id, { purposeId: '', comment: 'Art. 17 verlangt' });
    expect((await openDraftsAside(db, admin, heldDrafts(tab)!.drafts))?.forms).toEqual([]);
  });

  it('the tab refusing too: the lock holds them in the page alone, sealed', async () => {
    const { db, admin } = await freshDb();
    const tab = tabStorage(true);
    const kept = await keepForLock(db, admin, [form('', 'Zwickau')], { keep: fullDisk(db), tab });
    vi.restoreAllMocks();
    expect(kept.where).toBe('page');
    const held = heldDrafts(tab)!;
    expect(held.reason.key).toBe('error.storageFull');
    expect(held.drafts).not.toContain('Zwickau');
    expect((await openDraftsAside(db, admin, held.drafts))?.forms).toHaveLength(1);
    forgetHeldDrafts(tab);
    expect(heldDrafts(tab)).toBeNull();
  });
});

describe('a new version taking control of the tab', () => {
  function steps(session: Awaited<ReturnType<typeof freshDb>>['admin'] | null, keeping?: Keeping) {
    const done: string[] = [];
    return {
      done,
      steps: {
        session,
        forms: () => [form('', 'Zwickau')],
        keeping,
        discard: () => done.push('discard'),
        signOut: () => done.push('signOut'),
        reload: () => done.push('reload'),
        stay: (reason: { key?: string }) => done.push(`stay: ${reason.key}`),
      },
    };
  }

  it('keeps the drafts, then gives the forms up and ends the session (which reloads)', async () => {
    const { db, admin } = await freshDb();
    const { done, steps: s } = steps(admin, { keep: keepDrafts, tab: tabStorage() });
    await reloadIntoUpdate(db, s);
    expect(done).toEqual(['discard', 'signOut']);
    expect((await readKeptDraft(db, admin))?.forms.map((f) => (f.values as { city: string }).city)).toEqual([
      'Zwickau',
    ]);
  });

  it('a full disk: held in the tab, then reloaded', async () => {
    const { db, admin } = await freshDb();
    const tab = tabStorage();
    const { done, steps: s } = steps(admin, { keep: fullDisk(db), tab });
    await reloadIntoUpdate(db, s);
    vi.restoreAllMocks();
    expect(done).toEqual(['discard', 'signOut']);
    expect(heldDrafts(tab)?.reason.key).toBe('error.storageFull');
  });

  it('kept nowhere: the tab stays, forms and all, and says why', async () => {
    const { db, admin } = await freshDb();
    const { done, steps: s } = steps(admin, { keep: fullDisk(db), tab: tabStorage(true) });
    await reloadIntoUpdate(db, s);
    vi.restoreAllMocks();
    expect(done).toEqual(['stay: error.storageFull']);
  });

  it('signed out: reloads at once', async () => {
    const { db } = await freshDb();
    const { done, steps: s } = steps(null);
    await reloadIntoUpdate(db, s);
    expect(done).toEqual(['reload']);
  });

  it('as the page is left: held sealed in the tab for the same user, nothing when no form changed', async () => {
    const { db, admin } = await freshDb();
    const tab = tabStorage();
    holdLeftDrafts(db, admin, [form('', 'Zwickau')], tab);
    const text = leftDrafts(tab);
    expect(text).not.toContain('Zwickau');
    const opened = await openDraftsAside(db, admin, text!);
    expect((opened?.forms[0].values as { city: string }).city).toBe('Zwickau');
    // Nothing changed any more: nothing held.
    holdLeftDrafts(db, admin, [], tab);
    expect(leftDrafts(tab)).toBeNull();
    holdLeftDrafts(db, admin, [form('', 'Plauen')], tab);
    forgetLeftDrafts(tab);
    expect(leftDrafts(tab)).toBeNull();
    // A tab that refuses them holds nothing (the device's copy is kept beside it).
    const full = tabStorage(true);
    holdLeftDrafts(db, admin, [form('', 'Zwickau')], full);
    expect(leftDrafts(full)).toBeNull();
  });
});
