/**
 * A person's key (core/crypto/personKey.ts): HMAC-SHA-256 of the data key over the person's
 * secret, from the padded states computed once — the same bytes as @noble/hashes' hmac, for
 * every length of key and secret around the block and padding boundaries, one object reused.
 */
import { describe, expect, it } from 'vitest';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { PersonKeys } from '../../src/data/core/crypto/personKey';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const LENGTHS = [0, 1, 31, 32, 33, 55, 56, 63, 64, 65, 119, 120, 128, 200];

describe("a person's key", () => {
  it('is HMAC-SHA-256 of the data key over the secret, for keys and secrets of every length around the blocks', () => {
    for (const keyLength of LENGTHS) {
      const dataKey = random(keyLength);
      const keys = new PersonKeys(dataKey);
      for (const secretLength of LENGTHS)
        for (let round = 0; round < 2; round++) {
          const secret = random(secretLength);
          expect(bytesToHex(keys.of(secret)), `key ${keyLength}, secret ${secretLength}`).toBe(
            bytesToHex(hmac(sha256, dataKey, secret)),
          );
        }
    }
  });

  it("matches RFC 4231's test case 2", () => {
    const keys = new PersonKeys(new TextEncoder().encode('Jefe'));
    expect(bytesToHex(keys.of(new TextEncoder().encode('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives a key of its own to each call, not a view of scratch state', () => {
    const keys = new PersonKeys(random(32));
    const [a, b] = [random(32), random(32)];
    const first = keys.of(a);
    const kept = first.slice();
    keys.of(b);
    expect(first).toEqual(kept);
    expect(keys.of(a)).toEqual(kept);
  });
});
