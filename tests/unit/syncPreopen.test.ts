// The pull's native crypto (sync/preopen.ts) decides nothing: a body opened ahead with WebCrypto
// reads as the checks' own opening would, and a body that is changed or does not open is refused
// by the checks just the same. The keys the checks derive per document are derived once per
// unlocked key, and a new key is never answered with the old one's.
import { beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/data/core/crypto/keyring';
import { loadCipher } from '../../src/data/core/crypto/seal';
import { fromJsonBytes } from '../../src/data/core/crypto/json';
import { toBase64 } from '../../src/data/core/crypto/passphrase';
import { checkDoc, Refused } from '../../src/data/sync/check';
import { auditDocId, hashOf, macOf, toSegmentDoc, type SyncDoc } from '../../src/data/sync/docs';
import { PreparedDocs } from '../../src/data/sync/preopen';
import { checkScopeFor, rosterUser } from './helpers';

const key = (n: number) => new Uint8Array(32).fill(n);
const admin = rosterUser('u1', { isAdmin: true });

const scopeOf = (keyring: Keyring, prepared?: PreparedDocs) =>
  checkScopeFor(keyring, [admin], { prepared: prepared && ((doc) => prepared.get(doc)) });

const entries = [1, 2, 3].map((seq) => ({ seq, at: '2026-01-01T00:00:00Z', action: 'personCreated', userId: 'u1' }));
const env = { id: auditDocId('dev-b', 1), table: 'auditLog', author: 'u1', device: 'dev-b' };

/** A segment whose body is `body` under a correct hash and MAC: only the body's sealing is wrong. */
function withBody(keyring: Keyring, doc: SyncDoc, body: Uint8Array): SyncDoc {
  const changed = { ...doc, body: toBase64(body), bodyHash: hashOf(body), mac: '' };
  return { ...changed, mac: macOf(keyring, changed) };
}

describe('opening incoming documents ahead of their checks', () => {
  beforeAll(loadCipher);

  it('opens a segment with WebCrypto to the very entries the checks read, and hashes it alike', async () => {
    const keyring = new Keyring();
    keyring.unlock(key(1));
    const doc = toSegmentDoc(keyring, env, entries);
    const prepared = new PreparedDocs();
    await prepared.prepare(keyring, [doc]);
    const ready = prepared.get(doc)!;
    expect(ready.hash).toBe(doc.bodyHash);
    expect(fromJsonBytes(ready.opened!)).toEqual(entries);
    expect(checkDoc(scopeOf(keyring, prepared), doc)).toEqual(checkDoc(scopeOf(keyring), doc));
    expect(checkDoc(scopeOf(keyring, prepared), doc)).toEqual({ kind: 'audit', device: 'dev-b', entries });
  });

  it('a body sealed under another key is not opened ahead, and the checks refuse it', async () => {
    const keyring = new Keyring();
    keyring.unlock(key(1));
    const other = new Keyring();
    other.unlock(key(2));
    const foreign = toSegmentDoc(other, env, entries);
    const doc = withBody(keyring, toSegmentDoc(keyring, env, entries), Buffer.from(foreign.body!, 'base64'));
    const prepared = new PreparedDocs();
    await prepared.prepare(keyring, [doc]);
    expect(prepared.get(doc)?.opened).toBeUndefined();
    expect(() => checkDoc(scopeOf(keyring, prepared), doc)).toThrow(/does not open/);
  });

  it('a body changed after its hash was taken is refused with the hash prepared ahead', async () => {
    const keyring = new Keyring();
    keyring.unlock(key(1));
    const doc = toSegmentDoc(keyring, env, entries);
    const body = Buffer.from(doc.body!, 'base64');
    body[body.length - 1] ^= 1;
    const changed = { ...doc, body: toBase64(body) };
    const prepared = new PreparedDocs();
    await prepared.prepare(keyring, [changed]);
    expect(prepared.get(changed)?.hash).not.toBe(doc.bodyHash);
    expect(prepared.get(changed)?.opened).toBeUndefined();
    let refused: unknown;
    try {
      checkDoc(scopeOf(keyring, prepared), changed);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(Refused);
    expect((refused as Refused).reason).toMatch(/body is missing or changed/);
  });

  it('derives the key id, the envelope key and an epoch wrap key once per key, anew for a new one', () => {
    const keyring = new Keyring();
    keyring.unlock(key(1));
    keyring.addEpochKey(1, key(5));
    const first = {
      id: keyring.keyId(),
      env: keyring.dataKeyDerived('x').slice(),
      wrap: keyring.secretWrapKey(1)!.slice(),
    };
    expect(keyring.dataKeyDerived('x')).toBe(keyring.dataKeyDerived('x'));
    expect(keyring.dataKeyDerived('y')).not.toEqual(first.env);
    keyring.addEpochKey(1, key(6));
    expect(keyring.secretWrapKey(1)).not.toEqual(first.wrap);
    keyring.unlock(key(2));
    expect(keyring.keyId()).not.toBe(first.id);
    expect(keyring.dataKeyDerived('x')).not.toEqual(first.env);
    expect(keyring.secretWrapKey(1)).toBeUndefined();
    keyring.lock();
    expect(() => keyring.keyId()).toThrow();
    expect(() => keyring.dataKeyDerived('x')).toThrow();
  });
});
