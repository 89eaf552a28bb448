/**
 * ChaCha20 (RFC 8439: 256-bit key, 96-bit nonce, block counter from 0) of a short input, for the
 * directory's per-person layer (xorStream in seal.ts): 100,000 calls per sign-in on rows of about
 * 150 bytes. A general library call allocates several typed-array views per call (key, nonce,
 * input, output) — in a row worker's profile that allocation cost more than the cipher itself;
 * this one reads the key and nonce byte by byte and reuses one state, so a call allocates nothing.
 * Same output as @noble/ciphers' chacha20 (tests/unit/chacha20.test.ts).
 */

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];
/** The block's output words, reused by every call (single-threaded: no call interleaves another). */
const out = new Uint32Array(16);
/**
 * The same words as bytes, in memory order: on a little-endian machine (every one a browser runs
 * on, checked here) that is the keystream's byte order, so a byte is one read, not a shift and mask.
 */
const outBytes = new Uint8Array(out.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const word = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** The keystream block `counter` of key words k0..k7 and nonce words n0..n2, into `out`. */
function block(k: number[], n0: number, n1: number, n2: number, counter: number): void {
  let x0 = SIGMA[0],
    x1 = SIGMA[1],
    x2 = SIGMA[2],
    x3 = SIGMA[3];
  let x4 = k[0],
    x5 = k[1],
    x6 = k[2],
    x7 = k[3],
    x8 = k[4],
    x9 = k[5],
    x10 = k[6],
    x11 = k[7];
  let x12 = counter,
    x13 = n0,
    x14 = n1,
    x15 = n2;
  for (let r = 0; r < 10; r++) {
    // Columns, then diagonals.
    x0 = (x0 + x4) | 0;
    x12 = rotl(x12 ^ x0, 16);
    x8 = (x8 + x12) | 0;
    x4 = rotl(x4 ^ x8, 12);
    x0 = (x0 + x4) | 0;
    x12 = rotl(x12 ^ x0, 8);
    x8 = (x8 + x12) | 0;
    x4 = rotl(x4 ^ x8, 7);
    x1 = (x1 + x5) | 0;
    x13 = rotl(x13 ^ x1, 16);
    x9 = (x9 + x13) | 0;
    x5 = rotl(x5 ^ x9, 12);
    x1 = (x1 + x5) | 0;
    x13 = rotl(x13 ^ x1, 8);
    x9 = (x9 + x13) | 0;
    x5 = rotl(x5 ^ x9, 7);
    x2 = (x2 + x6) | 0;
    x14 = rotl(x14 ^ x2, 16);
    x10 = (x10 + x14) | 0;
    x6 = rotl(x6 ^ x10, 12);
    x2 = (x2 + x6) | 0;
    x14 = rotl(x14 ^ x2, 8);
    x10 = (x10 + x14) | 0;
    x6 = rotl(x6 ^ x10, 7);
    x3 = (x3 + x7) | 0;
    x15 = rotl(x15 ^ x3, 16);
    x11 = (x11 + x15) | 0;
    x7 = rotl(x7 ^ x11, 12);
    x3 = (x3 + x7) | 0;
    x15 = rotl(x15 ^ x3, 8);
    x11 = (x11 + x15) | 0;
    x7 = rotl(x7 ^ x11, 7);
    x0 = (x0 + x5) | 0;
    x15 = rotl(x15 ^ x0, 16);
    x10 = (x10 + x15) | 0;
    x5 = rotl(x5 ^ x10, 12);
    x0 = (x0 + x5) | 0;
    x15 = rotl(x15 ^ x0, 8);
    x10 = (x10 + x15) | 0;
    x5 = rotl(x5 ^ x10, 7);
    x1 = (x1 + x6) | 0;
    x12 = rotl(x12 ^ x1, 16);
    x11 = (x11 + x12) | 0;
    x6 = rotl(x6 ^ x11, 12);
    x1 = (x1 + x6) | 0;
    x12 = rotl(x12 ^ x1, 8);
    x11 = (x11 + x12) | 0;
    x6 = rotl(x6 ^ x11, 7);
    x2 = (x2 + x7) | 0;
    x13 = rotl(x13 ^ x2, 16);
    x8 = (x8 + x13) | 0;
    x7 = rotl(x7 ^ x8, 12);
    x2 = (x2 + x7) | 0;
    x13 = rotl(x13 ^ x2, 8);
    x8 = (x8 + x13) | 0;
    x7 = rotl(x7 ^ x8, 7);
    x3 = (x3 + x4) | 0;
    x14 = rotl(x14 ^ x3, 16);
    x9 = (x9 + x14) | 0;
    x4 = rotl(x4 ^ x9, 12);
    x3 = (x3 + x4) | 0;
    x14 = rotl(x14 ^ x3, 8);
    x9 = (x9 + x14) | 0;
    x4 = rotl(x4 ^ x9, 7);
  }
  out[0] = x0 + SIGMA[0];
  out[1] = x1 + SIGMA[1];
  out[2] = x2 + SIGMA[2];
  out[3] = x3 + SIGMA[3];
  out[4] = x4 + k[0];
  out[5] = x5 + k[1];
  out[6] = x6 + k[2];
  out[7] = x7 + k[3];
  out[8] = x8 + k[4];
  out[9] = x9 + k[5];
  out[10] = x10 + k[6];
  out[11] = x11 + k[7];
  out[12] = x12 + counter;
  out[13] = x13 + n0;
  out[14] = x14 + n1;
  out[15] = x15 + n2;
}

const key = [0, 0, 0, 0, 0, 0, 0, 0];

/** `input` XOR the keystream of (secret, nonce) into `output` (same length; they may be the same bytes). */
export function chacha20Xor(secret: Uint8Array, nonce: Uint8Array, input: Uint8Array, output: Uint8Array): void {
  if (secret.length !== 32 || nonce.length !== 12) throw new Error('ChaCha20 needs a 32-byte key and a 12-byte nonce');
  if (output.length !== input.length) throw new Error('ChaCha20: output and input differ in length');
  for (let i = 0; i < 8; i++) key[i] = word(secret, 4 * i);
  const n0 = word(nonce, 0);
  const n1 = word(nonce, 4);
  const n2 = word(nonce, 8);
  for (let at = 0, counter = 0; at < input.length; at += 64, counter++) {
    block(key, n0, n1, n2, counter);
    const end = Math.min(64, input.length - at);
    // Little-endian bytes of the block's words.
    if (LITTLE_ENDIAN) for (let i = 0; i < end; i++) output[at + i] = input[at + i] ^ outBytes[i];
    else for (let i = 0; i < end; i++) output[at + i] = input[at + i] ^ ((out[i >> 2] >>> ((i & 3) << 3)) & 0xff);
  }
  // No key or keystream left behind in the shared state.
  key.fill(0);
  out.fill(0);
}
