/**
 * "A purpose in use": one rule (src/data/core/purposeUse.ts) behind both the settings screen's
 * question (which purposes may be offered for deletion) and the data layer's refusal to delete.
 */
import { describe, expect, it } from 'vitest';
import { addPurpose, deletePurpose, recordConsent, savePerson, withdrawConsent } from '../../src/data';
import { purposesWithUse } from '../../src/data/queries/purposes';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, freshDb, purposeSeed, SIGNED_FORM } from './helpers';

describe('a purpose in use', () => {
  it('is one held by a person or named by a consent, given or withdrawn; only an unused one can be deleted', async () => {
    const { db, admin } = await freshDb();
    const byConsent = { lawfulBasis: 'a', requiresConsent: true } as const;
    const unused = await addPurpose(db, admin, purposeSeed('Ungenutzt', byConsent));
    const held = await addPurpose(db, admin, purposeSeed('Einer Person zugeordnet', byConsent));
    const consented = await addPurpose(db, admin, purposeSeed('In einer widerrufenen Einwilligung', byConsent));
    // Held by a company only (natural 0): the persons index holds [natural, purposeId] (schema v12).
    const firm = await addPurpose(db, admin, purposeSeed('Einer Firma zugeordnet', { lawfulBasis: 'a' }));
    await savePerson(db, admin, newPerson('customer', { organisation: 'Muster GmbH', purposeId: firm.id }), {
      purposeId: firm.id,
      comment: 'Zweck gesetzt',
    });
    await savePerson(db, admin, anna({ firstName: 'Berta' }), { purposeId: held.id, comment: 'Zweck gesetzt' });
    const person = await savePerson(db, admin, anna(), CONTRACT);
    const consent = await recordConsent(db, admin, {
      ...SIGNED_FORM,
      personId: person.id,
      purposeIds: [consented.id],
      givenAt: '2025-01-01',
      channel: 'written',
      text: 'Newsletter v1',
      confirmedByUser: true,
    });
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2025-02-01', note: 'per Brief' });

    const { used } = await purposesWithUse(db);
    expect(used.has(unused.id)).toBe(false);
    expect(used.has(held.id)).toBe(true);
    expect(used.has(consented.id)).toBe(true);
    expect(used.has(firm.id)).toBe(true);

    await expect(deletePurpose(db, admin, held.id)).rejects.toMatchObject({ messageKey: 'error.purposeInUse' });
    await expect(deletePurpose(db, admin, consented.id)).rejects.toMatchObject({ messageKey: 'error.purposeInUse' });
    await expect(deletePurpose(db, admin, firm.id)).rejects.toMatchObject({ messageKey: 'error.purposeInUse' });
    await deletePurpose(db, admin, unused.id);
    expect(await db.purposes.get(unused.id)).toBeUndefined();
    expect(await db.purposes.get(held.id)).toBeDefined();
    expect(await db.purposes.get(consented.id)).toBeDefined();
  });
});
