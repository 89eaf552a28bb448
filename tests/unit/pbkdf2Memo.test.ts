/**
 * The unit tests' PBKDF2 memo (tests/pbkdf2Memo.ts) answers a repeat with the bits the real
 * derivation gave, derives anew for any other input, and runs every derivation once a test asks.
 */
import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pbkdf2Counts, realPbkdf2 } from '../pbkdf2Memo';

// Few iterations: the memo keys on the count, it does not depend on it.
const ITERATIONS = 1_000;

async function derive(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations = ITERATIONS) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveBits',
    'deriveKey',
  ]);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256),
  );
}

/** Node's own PBKDF2, outside WebCrypto and the memo. */
const reference = (passphrase: string, salt: Uint8Array, iterations = ITERATIONS) =>
  new Uint8Array(pbkdf2Sync(passphrase, salt, iterations, 32, 'sha256'));

describe('the PBKDF2 memo of the unit tests', () => {
  it('gives a repeat the real bits, and derives anew for another passphrase, salt or count', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const before = { ...pbkdf2Counts };
    expect(await derive('memo passphrase', salt)).toEqual(reference('memo passphrase', salt));
    expect(await derive('memo passphrase', salt)).toEqual(reference('memo passphrase', salt));
    expect(pbkdf2Counts).toEqual({ derived: before.derived + 1, remembered: before.remembered + 1 });

    const otherSalt = crypto.getRandomValues(new Uint8Array(16));
    expect(await derive('wrong passphrase', salt)).toEqual(reference('wrong passphrase', salt));
    expect(await derive('memo passphrase', otherSalt)).toEqual(reference('memo passphrase', otherSalt));
    expect(await derive('memo passphrase', salt, ITERATIONS + 1)).toEqual(
      reference('memo passphrase', salt, ITERATIONS + 1),
    );
    expect(pbkdf2Counts).toEqual({ derived: before.derived + 4, remembered: before.remembered + 1 });
  });

  it('a remembered deriveKey is the key the real one makes', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('key passphrase'), 'PBKDF2', false, [
      'deriveKey',
    ]);
    const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS };
    const aes = { name: 'AES-GCM', length: 256 };
    const first = await crypto.subtle.deriveKey(params, key, aes, true, ['encrypt']);
    const again = await crypto.subtle.deriveKey(params, key, aes, true, ['encrypt']);
    const expected = reference('key passphrase', salt);
    expect(new Uint8Array(await crypto.subtle.exportKey('raw', first))).toEqual(expected);
    expect(new Uint8Array(await crypto.subtle.exportKey('raw', again))).toEqual(expected);
    expect(again.algorithm).toEqual(first.algorithm);
    expect(again.usages).toEqual(['encrypt']);
    // The memo keeps WebCrypto's checks: this key may derive keys, not bits.
    await expect(crypto.subtle.deriveBits(params, key, 256)).rejects.toThrow(/deriveBits/);
  });

  it('a caller’s change to the bits it got does not reach the next caller', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    (await derive('mutable', salt)).fill(0);
    expect(await derive('mutable', salt)).toEqual(reference('mutable', salt));
  });

  it('derives every time in a test that asks for the real derivation', async () => {
    realPbkdf2();
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const before = { ...pbkdf2Counts };
    expect(await derive('real passphrase', salt)).toEqual(reference('real passphrase', salt));
    expect(await derive('real passphrase', salt)).toEqual(reference('real passphrase', salt));
    expect(pbkdf2Counts).toEqual({ derived: before.derived + 2, remembered: before.remembered });
  });

  it('remembers again in the next test', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const before = pbkdf2Counts.remembered;
    await derive('next test', salt);
    await derive('next test', salt);
    expect(pbkdf2Counts.remembered).toBe(before + 1);
  });
});
