// A record arriving by sync passes the value checks a local write of it passes (sync/check.ts
// recordRefusal calls the rules' own functions): a malformed setting, purpose, consent, transaction
// or file from a modified client (or an old version's bug) is refused with a reason naming the
// problem — quarantined, never applied — while valid ones still pass. The same checks refuse the
// same record written here.
import { beforeAll, describe, expect, it } from 'vitest';
import { savePerson, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { addPurpose, updatePurpose } from '../../src/data/commands/purposes';
import { updatePrivacySettings } from '../../src/data/commands/settings';
import { Keyring } from '../../src/data/core/crypto/keyring';
import { loadCipher } from '../../src/data/core/crypto/seal';
import type { Session } from '../../src/data/core/session';
import type { CheckScope } from '../../src/data/sync/check';
import { toDoc } from '../../src/data/sync/docs';
import type { Consent } from '../../src/domain/consent';
import { DEFAULT_PURPOSES } from '../../src/domain/purpose';
import { DEFAULT_PRIVACY_SETTINGS } from '../../src/domain/settings';
import {
  anna,
  checkScopeFor,
  CONTRACT,
  freshDb,
  hostingProcessor,
  purposeSeed,
  refusalOf,
  rosterUser,
  syncDocOf,
  syncedRecords,
} from './helpers';

const admin = rosterUser('admin', { isAdmin: true });

describe('settings, purposes arriving by sync', () => {
  beforeAll(loadCipher);
  const keyring = new Keyring();
  beforeAll(() => keyring.unlock(new Uint8Array(32).fill(7)));
  const doc = (table: string, key: string, stored: Record<string, unknown>) =>
    toDoc(keyring, { id: `${table}:${key}`, table, author: 'admin', device: 'dev-b' }, stored);
  // A value of each setting held here: the arriving one is judged as a change of it.
  const HELD = { recipients: {}, privacy: DEFAULT_PRIVACY_SETTINGS, controller: {}, registerNotes: {} };
  const setting = (key: string, value: unknown, here: Record<string, unknown> = HELD) =>
    refusalOf(checkScopeFor(keyring, [admin], { setting: (k) => here[k] }), doc('settings', key, { key, value }));

  it('a malformed recipients setting is refused, naming the entry and its problem', () => {
    const host = hostingProcessor({ id: 'host' });
    expect(setting('recipients', { host })).toBe('');
    expect(setting('recipients', [host])).toBe('invalid setting recipients: its value is not an object');
    expect(setting('recipients', { host, us: hostingProcessor({ id: 'us', country: 'USA' }) })).toBe(
      'invalid setting recipients: entry us names a third country without a transfer basis',
    );
    expect(setting('recipients', { host: 'Hostinghaus' })).toBe(
      'invalid setting recipients: entry host is not an object',
    );
    expect(setting('recipients', { host: { ...host, id: 'other' } })).toBe(
      'invalid setting recipients: entry host names another id',
    );
    expect(setting('recipients', { host: { ...host, role: 'owner' } })).toBe(
      'invalid setting recipients: entry host is neither a processor nor a recipient',
    );
    // An entry held here as it is (stored before the transfer basis existed) is not judged again.
    const old = { ...hostingProcessor({ id: 'old', country: 'USA' }), transferBasis: undefined };
    expect(setting('recipients', { host, old }, { recipients: { old } })).toBe('');
  });

  it('an invalid privacy setting is refused, naming the field; one of an older version (fewer fields) passes', () => {
    expect(setting('privacy', { ...DEFAULT_PRIVACY_SETTINGS, idleLockMinutes: 15 })).toBe('');
    expect(setting('privacy', { gdprSupportDisabled: true })).toBe('');
    expect(setting('privacy', { ...DEFAULT_PRIVACY_SETTINGS, idleLockMinutes: 0 })).toBe(
      'invalid setting privacy: idleLockMinutes is not a whole number of minutes from 1 to 240',
    );
    expect(setting('privacy', { ...DEFAULT_PRIVACY_SETTINGS, gdprSupportDisabled: 'yes' })).toBe(
      'invalid setting privacy: gdprSupportDisabled is not true or false',
    );
    expect(setting('privacy', { ...DEFAULT_PRIVACY_SETTINGS, consentAttributeName: 'x'.repeat(61) })).toBe(
      'invalid setting privacy: consentAttributeName is longer than 60 characters',
    );
    expect(setting('privacy', 'off')).toBe('invalid setting privacy: its value is not an object');
    expect(setting('controller', { name: ['Muster GmbH'] })).toBe('invalid setting controller: name is not a text');
    expect(setting('registerNotes', { activities: {}, additionalMeasures: 'x'.repeat(2001) })).toBe(
      'invalid setting registerNotes: additionalMeasures is longer than 2000 characters',
    );
  });

  it('a first arrival (nothing held here: a first pull) is judged by shape and types only', () => {
    const first = (key: string, value: unknown) => setting(key, value, {});
    // Stored legitimately before the transfer basis and the attribute name's limit existed.
    const old = { ...hostingProcessor({ id: 'old', country: 'USA' }), transferBasis: undefined };
    expect(first('recipients', { old })).toBe('');
    const longName = { ...DEFAULT_PRIVACY_SETTINGS, consentAttributeName: 'x'.repeat(61) };
    expect(first('privacy', longName)).toBe('');
    expect(first('registerNotes', { activities: {}, additionalMeasures: 'x'.repeat(2001) })).toBe('');
    // Held here, the same values are changes the form refuses.
    expect(setting('recipients', { old })).toBe(
      'invalid setting recipients: entry old names a third country without a transfer basis',
    );
    expect(setting('privacy', longName)).toBe(
      'invalid setting privacy: consentAttributeName is longer than 60 characters',
    );
    // The shape and types still count.
    expect(first('recipients', [old])).toBe('invalid setting recipients: its value is not an object');
    expect(first('recipients', { old: { ...old, id: 'x' } })).toBe(
      'invalid setting recipients: entry old names another id',
    );
    expect(first('privacy', { ...DEFAULT_PRIVACY_SETTINGS, idleLockMinutes: '10' })).toBe(
      'invalid setting privacy: idleLockMinutes is not a number',
    );
    expect(first('controller', { name: ['Muster GmbH'] })).toBe('invalid setting controller: name is not a text');
    expect(first('registerNotes', { activities: [], additionalMeasures: 3 })).toBe(
      'invalid setting registerNotes: additionalMeasures is not a text',
    );
    expect(first('syncOperator', { recipientId: 1 })).toBe(
      'invalid setting syncOperator: it names no recipient entry by id',
    );
  });

  it('an invalid purpose is refused, naming the problem; the default purposes pass', () => {
    const purpose = { ...DEFAULT_PURPOSES[0], createdAt: '2026-01-01T00:00:00Z' };
    const check = (p: Record<string, unknown>) =>
      refusalOf(checkScopeFor(keyring, [admin]), doc('purposes', purpose.id, p));
    expect(check(purpose)).toBe('');
    expect(check({ ...purpose, name: ' ' })).toBe('invalid purpose: it has no name');
    expect(check({ ...purpose, lawfulBasis: 'z' })).toBe('invalid purpose: its lawful basis is none of Art. 6(1) a–f');
    expect(check({ ...purpose, retention: { years: -1, basis: '' } })).toBe(
      'invalid purpose: its retention is not a number of years of 0 or more with a basis',
    );
    // The form never capped the years: a purpose stored with more than 100 arrives as it is.
    expect(check({ ...purpose, retention: { years: 150, basis: 'Satzung' } })).toBe('');
  });
});

describe('consents, transactions and files arriving by sync', () => {
  let db: ConsentbookDB;
  let session: Session;
  let personId: string;
  let scope: CheckScope;

  beforeAll(async () => {
    ({ db, admin: session } = await freshDb());
    personId = (await savePerson(db, session, anna(), CONTRACT)).id;
    scope = checkScopeFor(db.keyring, await rawConnection(db).users.toArray(), { db });
  });

  /** A record of a sealed table as another device sends it (sealed under its person's key). */
  const sealedDoc = (table: string, record: object) =>
    syncDocOf(db, table, (record as { id: string }).id, session.userId, record as Record<string, unknown>);
  const consent = (fields: Partial<Consent> = {}): Consent => ({ ...syncedRecords(personId).consents, ...fields });

  it('an invalid consent is refused, naming the problem; a valid one (given, or withdrawn elsewhere) passes', () => {
    const check = (c: Consent) => refusalOf(scope, sealedDoc('consents', c));
    expect(check(consent())).toBe('');
    expect(check(consent({ status: 'withdrawn', withdrawnAt: '2026-02-01' }))).toBe('');
    expect(check(consent({ purposeIds: [] }))).toBe('invalid consent: it names no purpose');
    expect(check(consent({ channel: 'verbal' }))).toBe('invalid consent: it was given verbally without a note');
    expect(check(consent({ status: 'withdrawn' }))).toBe('invalid consent: it is withdrawn without a date');
    expect(check(consent({ status: 'revoked' as Consent['status'] }))).toBe(
      'invalid consent: its status is neither given nor withdrawn',
    );
  });

  it('an invalid transaction or file is refused, naming the problem', () => {
    const { transactions: tx, files } = syncedRecords(personId);
    const { data: pdf, ...file } = files;
    expect(refusalOf(scope, sealedDoc('transactions', tx))).toBe('');
    expect(refusalOf(scope, sealedDoc('transactions', { ...tx, date: '02.01.2026' }))).toBe(
      'invalid transaction: its date is not YYYY-MM-DD',
    );
    expect(refusalOf(scope, sealedDoc('files', { ...file, data: pdf }))).toBe('');
    expect(refusalOf(scope, sealedDoc('files', { ...file, mimeType: 'text/html', data: pdf }))).toBe(
      `invalid file: it is filed as text/html, ${pdf.length} bytes, not as its content shows`,
    );
    expect(refusalOf(scope, sealedDoc('files', { ...file, data: new TextEncoder().encode('<script>') }))).toBe(
      'invalid file: its content is refused (evidence.type)',
    );
  });
});

describe('the same checks refuse a local write', () => {
  it('of a malformed setting or an invalid purpose', async () => {
    const { db, admin: session } = await freshDb();
    const put = (key: string, value: unknown) =>
      writeWith(db, { session }, [db.settings], () => db.settings.put({ key, value }));
    await expect(put('recipients', [hostingProcessor({ id: 'host' })])).rejects.toMatchObject({
      messageKey: 'error.settingInvalid',
    });
    await expect(put('recipients', { us: hostingProcessor({ id: 'us', country: 'USA' }) })).rejects.toMatchObject({
      messageKey: 'error.recipient.transferBasis',
    });
    await expect(updatePrivacySettings(db, session, { idleLockMinutes: 0 })).rejects.toMatchObject({
      messageKey: 'error.settingInvalid',
      message: 'idleLockMinutes is not a whole number of minutes from 1 to 240',
    });
    const purpose = await addPurpose(db, session, purposeSeed('Newsletter', { lawfulBasis: 'a' }));
    await expect(
      updatePurpose(db, session, { ...purpose, lawfulBasis: 'z' as typeof purpose.lawfulBasis }),
    ).rejects.toMatchObject({ messageKey: 'error.purposeInvalid' });
    await expect(addPurpose(db, session, purposeSeed('  '))).rejects.toMatchObject({
      messageKey: 'error.purposeNameRequired',
    });
  });

  it('not of a purpose stored with a retention the form never capped (renamed, deactivated)', async () => {
    const { db, admin: session } = await freshDb();
    const purpose = await addPurpose(
      db,
      session,
      purposeSeed('Archiv', { retention: { years: 150, basis: 'Satzung' } }),
    );
    await updatePurpose(db, session, { ...purpose, name: 'Archiv alt', active: false });
    expect(await db.purposes.get(purpose.id)).toMatchObject({
      name: 'Archiv alt',
      active: false,
      retention: { years: 150 },
    });
  });
});

describe('a user’s passphrase verifier', () => {
  // A member's record (verifier, wrapped data key) is stored on every device of the team: one made
  // with few PBKDF2 iterations would make their wrap of the data key cheap to guess from a copied disk.
  it('with fewer iterations than the app makes is refused from sync and in a local write', async () => {
    const { db, admin: session } = await freshDb();
    const stored = (await rawConnection(db).users.toArray())[0];
    const author = rosterUser(stored.id, { isAdmin: true });
    const weak = { ...stored, verifier: { ...stored.verifier, iterations: 1 } };
    const scope = checkScopeFor(db.keyring, [author], { db });
    expect(refusalOf(scope, syncDocOf(db, 'users', stored.id, stored.id, weak as never))).toBe(
      'invalid user: its passphrase verifier is not PBKDF2-SHA-256 with 600000 to 10000000 iterations',
    );
    expect(refusalOf(scope, syncDocOf(db, 'users', stored.id, stored.id, stored as never))).toBe('');
    await expect(writeWith(db, { session }, [db.users], () => db.users.put(weak))).rejects.toMatchObject({
      messageKey: 'error.userVerifier',
    });
    expect((await rawConnection(db).users.get(stored.id))?.verifier.iterations).toBe(600_000);
  });
});
