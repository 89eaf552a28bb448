import { describe, expect, it } from 'vitest';
import { chacha20 } from '@noble/ciphers/chacha.js';
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { chacha20Xor } from '../../src/data/core/crypto/chacha20';

describe("the directory's ChaCha20 (chacha20.ts)", () => {
  it('gives the same bytes as @noble/ciphers for every length around the block size', () => {
    for (const length of [0, 1, 3, 4, 5, 63, 64, 65, 127, 128, 129, 150, 300, 1000]) {
      const key = crypto.getRandomValues(new Uint8Array(32));
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const input = crypto.getRandomValues(new Uint8Array(length));
      const output = new Uint8Array(length);
      chacha20Xor(key, nonce, input, output);
      expect(bytesToHex(output), `length ${length}`).toBe(bytesToHex(chacha20(key, nonce, input)));
    }
  });

  it('reads views inside larger buffers at any offset, and may write over its input', () => {
    const buffer = crypto.getRandomValues(new Uint8Array(400));
    const key = buffer.subarray(1, 33);
    const nonce = buffer.subarray(35, 47);
    const input = buffer.slice(50, 250);
    const expected = chacha20(key.slice(), nonce.slice(), input.slice());
    const inPlace = input.subarray(0);
    chacha20Xor(key, nonce, inPlace, inPlace);
    expect(bytesToHex(inPlace)).toBe(bytesToHex(expected));
  });

  it("matches RFC 8439's keystream (2.4.2, counter 0 taken as one block before)", () => {
    // The RFC's example starts at counter 1: its first 64 bytes are our second block.
    const key = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const nonce = hexToBytes('000000000000004a00000000');
    const plain = new TextEncoder().encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const input = new Uint8Array(64 + plain.length);
    input.set(plain, 64);
    const output = new Uint8Array(input.length);
    chacha20Xor(key, nonce, input, output);
    expect(bytesToHex(output.subarray(64, 64 + 16))).toBe('6e2e359a2568f98041ba0728dd0d6981');
  });

  it('refuses a key or nonce of the wrong size', () => {
    expect(() => chacha20Xor(new Uint8Array(16), new Uint8Array(12), new Uint8Array(1), new Uint8Array(1))).toThrow();
    expect(() => chacha20Xor(new Uint8Array(32), new Uint8Array(8), new Uint8Array(1), new Uint8Array(1))).toThrow();
  });
});
