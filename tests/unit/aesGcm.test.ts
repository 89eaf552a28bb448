import { describe, expect, it } from 'vitest';
import { gcm } from '@noble/ciphers/aes.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { gcmDecrypt, gcmDecryptInto, gcmEncrypt, GcmAuthError } from '../../src/data/core/crypto/aesGcm';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const LENGTHS = [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 457, 1000];

async function webCrypto(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt']);
  const iv = nonce as Uint8Array<ArrayBuffer>;
  const data = aad as Uint8Array<ArrayBuffer>;
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: data }, k, plain as Uint8Array<ArrayBuffer>),
  );
}

describe("the open pool's AES-256-GCM (aesGcm.ts)", () => {
  it('seals as @noble/ciphers and WebCrypto do, and opens theirs, for every length of text and additional data around the block size', async () => {
    for (const length of LENGTHS) {
      for (const aadLength of [0, 1, 16, 17, 40, 130]) {
        const [key, nonce, aad, plain] = [random(32), random(12), random(aadLength), random(length)];
        const sealed = gcmEncrypt(key, nonce, aad, plain);
        const where = `text ${length}, aad ${aadLength}`;
        expect(bytesToHex(sealed), where).toBe(bytesToHex(gcm(key, nonce, aad).encrypt(plain)));
        expect(bytesToHex(sealed), where).toBe(bytesToHex(await webCrypto(key, nonce, aad, plain)));
        expect(bytesToHex(gcmDecrypt(key, nonce, aad, sealed)), where).toBe(bytesToHex(plain));
      }
    }
  });

  it("matches the GCM specification's test case 16 (AES-256, 96-bit nonce, additional data)", () => {
    const key = hexToBytes('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const nonce = hexToBytes('cafebabefacedbaddecaf888');
    const plain = hexToBytes(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    const aad = hexToBytes('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    expect(bytesToHex(gcmEncrypt(key, nonce, aad, plain))).toBe(
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
        '76fc6ece0f4e1768cddf8853bb2d551b',
    );
  });

  it('refuses a changed byte of ciphertext or tag, other additional data, another nonce or key', () => {
    const [key, nonce, aad, plain] = [random(32), random(12), random(20), random(50)];
    const sealed = gcmEncrypt(key, nonce, aad, plain);
    for (const at of [0, 49, 50, 65]) {
      const changed = sealed.slice();
      changed[at] ^= 1;
      expect(() => gcmDecrypt(key, nonce, aad, changed), `byte ${at}`).toThrow(GcmAuthError);
    }
    const otherAad = aad.slice();
    otherAad[3] ^= 0x80;
    expect(() => gcmDecrypt(key, nonce, otherAad, sealed)).toThrow(GcmAuthError);
    expect(() => gcmDecrypt(key, random(12), aad, sealed)).toThrow(GcmAuthError);
    expect(() => gcmDecrypt(random(32), nonce, aad, sealed)).toThrow(GcmAuthError);
    expect(() => gcmDecrypt(key, nonce, aad, sealed.subarray(0, 15))).toThrow(GcmAuthError);
  });

  it('reads views inside larger buffers at any offset', () => {
    const buffer = random(600);
    const [key, nonce, aad] = [buffer.subarray(1, 33), buffer.subarray(35, 47), buffer.subarray(49, 70)];
    const plain = buffer.subarray(71, 371);
    const sealed = gcm(key.slice(), nonce.slice(), aad.slice()).encrypt(plain.slice());
    const inside = new Uint8Array(sealed.length + 7);
    inside.set(sealed, 7);
    expect(bytesToHex(gcmDecrypt(key, nonce, aad, inside.subarray(7)))).toBe(bytesToHex(plain));
    expect(bytesToHex(gcmEncrypt(key, nonce, aad, plain))).toBe(bytesToHex(sealed));
  });

  it('opens into a reused buffer as into a new one, and into a new one when the buffer is too short', () => {
    const into = new Uint8Array(64);
    for (const length of [0, 15, 16, 17, 64, 65, 200]) {
      const [key, nonce, aad, plain] = [random(32), random(12), random(24), random(length)];
      const sealed = gcmEncrypt(key, nonce, aad, plain);
      const opened = gcmDecryptInto(key, nonce, aad, sealed, into);
      expect(bytesToHex(opened), `text ${length}`).toBe(bytesToHex(plain));
      expect(opened.buffer === into.buffer, `text ${length}`).toBe(length <= into.length);
      const changed = sealed.slice();
      changed[0] ^= 1;
      expect(() => gcmDecryptInto(key, nonce, aad, changed, into)).toThrow(GcmAuthError);
    }
  });

  it('refuses a key or nonce of the wrong size', () => {
    expect(() => gcmEncrypt(random(16), random(12), random(0), random(1))).toThrow();
    expect(() => gcmDecrypt(random(32), random(16), random(0), random(17))).toThrow();
  });
});
