// A member's own change the team does not take over, told on her device, against the REAL sync
// server: mia's phone (B) was offline when the administrator took her edit right on A; her change
// of a person made meanwhile reaches A after that and is held back there. Once the rights change
// reaches her phone, it judges its own versions with the same checks and lists that change —
// which person, which field, why — not her earlier change, which the team took. A, an
// administrator's device, writes its version over hers (sync/writeOver.ts): her phone applies it
// and lists her change as reverted. Her right given back, it stays listed (A's refusal is final)
// until she saves the person again.
import { describe, expect, it } from 'vitest';
import { countHeldBack, readHeldBack, readOwnHeldBack } from '../../src/data/queries/heldBack';
import { acknowledgeHeldBack } from '../../src/data/commands/heldBack';
import { savePerson, updateUser } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { startSync, stopSync, syncNow } from '../../src/data/sync';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

describe('a member’s own change the team holds back', { timeout: 240_000 }, () => {
  it('is listed on her device once the right taken reaches it; her change taken before is not; given back, until saved again', async () => {
    const { a, adminA, b, first } = await sync.twoDevices(anna({ lastName: 'Vorher', city: 'Bonn' }));
    const second = await savePerson(
      a,
      adminA,
      anna({ firstName: 'Otto', lastName: 'Offline', city: 'Trier' }),
      CONTRACT,
    );
    const mia = await memberMiaOnB(a, adminA, b, MIA);
    await until('B holds both persons', async () => {
      await syncNow(a);
      await syncNow(b);
      return !!(await b.persons.get(second.id));
    });
    const miaB = await signInSyncing(b, 'mia', MIA);
    const edit = async (id: string, city: string) => {
      const stored = (await b.persons.get(id)) as Person;
      await savePerson(b, miaB, { ...stored, city }, CONTRACT);
    };

    // While she may: taken over by A.
    await edit(first.id, 'Köln');
    await until('A holds her first change', async () => {
      await syncNow(b);
      await syncNow(a);
      return (await a.persons.get(first.id))?.city === 'Köln';
    });

    // Her phone offline; her right taken on A; her change of the other person then arrives.
    await until('B pushed', drained(b));
    await stopSync(b);
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await edit(second.id, 'Aachen');
    await until('A pushed', drained(a));
    expect(await readOwnHeldBack(b)).toEqual([]);
    await startSync(b, miaB);
    await until('A held her change back and her phone lists it', async () => {
      await syncNow(b);
      await syncNow(a);
      const refused = (await readHeldBack(a)).some((q) => q.docId === `persons:${second.id}`);
      return refused && (await readOwnHeldBack(b)).length > 0;
    });
    const [own, ...more] = await readOwnHeldBack(b);
    expect(more).toEqual([]);
    expect(own).toMatchObject({
      docId: `persons:${second.id}`,
      author: mia.id,
      fields: ['city'],
      refusal: { key: 'sync.refused.mayNotChange', params: { author: mia.id, table: 'persons' } },
    });
    // The same judgement as A's: its refusal of the version says the same.
    const onA = (await readHeldBack(a)).find((q) => q.docId === `persons:${second.id}`);
    expect(onA?.refusal).toEqual(own.refusal);
    expect(onA?.rev).toBe(own.rev);
    // A wrote the version before over hers: her phone applies it, and lists her change as reverted.
    await until('her phone holds the team’s version', async () => {
      await syncNow(a);
      await syncNow(b);
      return !!(await readOwnHeldBack(b))[0]?.reverted;
    });
    expect((await readOwnHeldBack(b))[0]).toMatchObject({ rev: own.rev, reverted: { by: adminA.userId } });
    expect((await b.persons.get(second.id))?.city).toBe('Trier');
    expect((await a.persons.get(second.id))?.city).toBe('Trier');
    // Counted with the changes held back, until taken note of.
    expect(await countHeldBack(b)).toBe(1);
    expect(await acknowledgeHeldBack(b, miaB)).toBe(1);
    expect(await countHeldBack(b)).toBe(0);
    expect((await readOwnHeldBack(b))[0].acknowledged?.by).toBe('mia');

    // Her right given back: A's refusal of that version stands (its quarantine is final), so it
    // stays listed on her phone — until she saves the person again and A takes the new version.
    await updateUser(a, adminA, mia.id, { permissions: ['editPersons'] });
    await until('her phone holds her right again', async () => {
      await syncNow(a);
      await syncNow(b);
      return (await rawConnection(b).users.get(mia.id))?.permissions.includes('editPersons') ?? false;
    });
    await syncNow(b);
    expect((await readOwnHeldBack(b)).map((v) => v.rev)).toEqual([own.rev]);
    expect((await a.persons.get(second.id))?.city).toBe('Trier');
    await edit(second.id, 'Aachen-Mitte');
    await until('A took her new version, and her phone no longer lists the old one', async () => {
      await syncNow(b);
      await syncNow(a);
      return (await a.persons.get(second.id))?.city === 'Aachen-Mitte' && (await readOwnHeldBack(b)).length === 0;
    });
  });
});
