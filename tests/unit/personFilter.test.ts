/**
 * The person list's filter (issue 16, item 8): by Art (a kind or every natural person), by status
 * and by purpose, each from plain indexes; filters combine (intersection); no filter keeps everyone.
 */
import { describe, expect, it } from 'vitest';
import { lockPerson, savePerson, updatePrivacySettings, withdrawConsent } from '../../src/data';
import { filteredPersonIds } from '../../src/data/queries/personFilter';
import { ANY_PURPOSE, NO_FILTER, NO_PURPOSE, type PersonFilter } from '../../src/domain/personFilter';
import { anna, consentToAdvertising, CONTRACT, freshDb } from './helpers';

const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const ADVERTISING = { purposeId: 'purpose-advertising', comment: 'Werbung erlaubt' };

async function fixture() {
  const { db, admin } = await freshDb();
  const contact = await savePerson(db, admin, anna({ lastName: 'Kontakt' }), CONTRACT);
  const locked = await savePerson(db, admin, anna({ lastName: 'Gesperrt' }), CONTRACT);
  await lockPerson(db, admin, locked.id, 'Widerspruch');
  const consenting = await savePerson(db, admin, anna({ lastName: 'Einwilligung' }), ADVERTISING);
  const withdrawing = await savePerson(db, admin, anna({ lastName: 'Widerruf' }), ADVERTISING);
  const missing = await savePerson(db, admin, anna({ lastName: 'Fehlt' }), ADVERTISING);
  for (const p of [consenting, withdrawing]) {
    const c = await consentToAdvertising(db, admin, p.id, PDF);
    if (p === withdrawing) await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-02-01', note: 'per E-Mail' });
  }
  // Without a purpose: saved with GDPR support off.
  await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
  const noPurpose = await savePerson(db, admin, anna({ lastName: 'Ohnezweck' }));
  await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
  const company = await savePerson(db, admin, { ...anna({ lastName: 'Firma' }), kind: 'partner', private: false });
  const customer = await savePerson(
    db,
    admin,
    { ...anna({ lastName: 'Kundin' }), kind: 'customer', private: true },
    CONTRACT,
  );
  return { db, ids: { contact, locked, consenting, withdrawing, missing, noPurpose, company, customer } };
}

describe('person list filter', () => {
  it('each filter keeps exactly its persons; filters combine; no filter keeps everyone', async () => {
    const { db, ids } = await fixture();
    const name = new Map(Object.entries(ids).map(([k, p]) => [p.id, k]));
    const kept = async (f: Partial<PersonFilter>) => {
      const set = await filteredPersonIds(db, { ...NO_FILTER, ...f });
      return set && [...set].map((id) => name.get(id)).sort();
    };
    expect(await kept({})).toBeNull();
    expect(await kept({ kind: 'partner' })).toEqual(['company']);
    expect(await kept({ kind: 'customer' })).toEqual(['customer']);
    expect(await kept({ kind: 'natural' })).toEqual([
      'consenting',
      'contact',
      'customer',
      'locked',
      'missing',
      'noPurpose',
      'withdrawing',
    ]);
    expect(await kept({ status: 'locked' })).toEqual(['locked']);
    expect(await kept({ status: 'noReason' })).toEqual(['noPurpose']);
    expect(await kept({ status: 'consentMissing' })).toEqual(['missing']);
    expect(await kept({ status: 'consentWithdrawn' })).toEqual(['withdrawing']);
    expect(await kept({ status: 'consentValid' })).toEqual(['consenting']);
    expect(await kept({ purpose: 'purpose-advertising' })).toEqual(['consenting', 'missing', 'withdrawing']);
    expect(await kept({ purpose: NO_PURPOSE })).toEqual(['company', 'noPurpose']);
    expect(await kept({ kind: 'natural', purpose: ANY_PURPOSE })).toEqual([
      'consenting',
      'contact',
      'customer',
      'locked',
      'missing',
      'withdrawing',
    ]);
    expect(await kept({ kind: 'contact', status: 'locked', purpose: 'purpose-contract' })).toEqual(['locked']);
    expect(await kept({ kind: 'customer', status: 'locked' })).toEqual([]);
  });
});
