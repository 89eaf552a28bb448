/**
 * AES-256-GCM (NIST SP 800-38D: 96-bit nonce, 128-bit tag) for the open pool's workers
 * (bulk/openRows.ts), which open a whole book's records, nearly every one under another person's
 * key. WebCrypto does that on the renderer's one WebCrypto thread — the page's and every worker's
 * calls one after another, each a hop there and back and a key import per person; and
 * @noble/ciphers' gcm builds its GHASH tables from 128 objects per key (most of a small record's
 * time). This one uses the worker's own core: T-table AES, GHASH with Shoup's 8-bit table (256
 * entries per key), the key schedule and tables in state reused by every call, zeroed after it.
 * Same output as @noble/ciphers' gcm and WebCrypto's AES-GCM (tests/unit/aesGcm.test.ts).
 *
 * Like the library it replaces there, its table lookups depend on key and data (not constant time
 * against a cache-timing observer in the same process).
 */

const SBOX = new Uint8Array(256);
const T0 = new Uint32Array(256);
const T1 = new Uint32Array(256);
const T2 = new Uint32Array(256);
const T3 = new Uint32Array(256);
{
  const xtime = (x: number) => ((x << 1) ^ (x & 0x80 ? 0x1b : 0)) & 0xff;
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++, x ^= xtime(x)) {
    exp[i] = x;
    log[x] = i;
  }
  const rotl8 = (x: number, n: number) => ((x << n) | (x >>> (8 - n))) & 0xff;
  for (let i = 0; i < 256; i++) {
    const inv = i === 0 ? 0 : exp[(255 - log[i]) % 255];
    const s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
    SBOX[i] = s;
    const t = ((xtime(s) << 24) | (s << 16) | (s << 8) | (xtime(s) ^ s)) >>> 0;
    T0[i] = t;
    T1[i] = ((t >>> 8) | (t << 24)) >>> 0;
    T2[i] = ((t >>> 16) | (t << 16)) >>> 0;
    T3[i] = ((t >>> 24) | (t << 8)) >>> 0;
  }
}
/**
 * GHASH's reduction of the byte shifted out (x^128 = x^7 + x^2 + x + 1, reflected): the bits of
 * 0xe1 (R's top byte), each moved right by how many shifts are left after its bit falls off.
 */
const LAST8 = new Uint16Array(256);
for (let r = 0; r < 256; r++) for (let j = 0; j < 8; j++) if (r & (1 << j)) LAST8[r] ^= 0xe100 >> (7 - j);

/** Per call, reused (single-threaded: no call interleaves another), zeroed after each. */
const rk = new Uint32Array(60);
/** i·H for each byte i (bit 7 first: 128·H = H), four words each: 4 KB, built per key. */
const ht = new Uint32Array(1024);
/** The last block cipher output and the GHASH state. */
const blk = new Uint32Array(4);
const y = new Uint32Array(4);

const word = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

function expandKey(key: Uint8Array): void {
  for (let i = 0; i < 8; i++) rk[i] = word(key, 4 * i);
  for (let i = 8, rcon = 1; i < 60; i++) {
    let t = rk[i - 1];
    if (i % 8 === 0) {
      t = (t << 8) | (t >>> 24);
      t = lastRound(t, t, t, t) ^ (rcon << 24);
      rcon = (rcon << 1) ^ (rcon & 0x80 ? 0x11b : 0);
    } else if (i % 8 === 4) {
      t = lastRound(t, t, t, t); // SubWord
    }
    rk[i] = rk[i - 8] ^ t;
  }
}

/** One block (big-endian words) through AES-256 into `blk`. */
function encryptBlock(a0: number, a1: number, a2: number, a3: number): void {
  let s0 = a0 ^ rk[0],
    s1 = a1 ^ rk[1],
    s2 = a2 ^ rk[2],
    s3 = a3 ^ rk[3];
  for (let r = 4; r < 56; r += 4) {
    const t0 = T0[s0 >>> 24] ^ T1[(s1 >>> 16) & 255] ^ T2[(s2 >>> 8) & 255] ^ T3[s3 & 255] ^ rk[r];
    const t1 = T0[s1 >>> 24] ^ T1[(s2 >>> 16) & 255] ^ T2[(s3 >>> 8) & 255] ^ T3[s0 & 255] ^ rk[r + 1];
    const t2 = T0[s2 >>> 24] ^ T1[(s3 >>> 16) & 255] ^ T2[(s0 >>> 8) & 255] ^ T3[s1 & 255] ^ rk[r + 2];
    const t3 = T0[s3 >>> 24] ^ T1[(s0 >>> 16) & 255] ^ T2[(s1 >>> 8) & 255] ^ T3[s2 & 255] ^ rk[r + 3];
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  blk[0] = lastRound(s0, s1, s2, s3) ^ rk[56];
  blk[1] = lastRound(s1, s2, s3, s0) ^ rk[57];
  blk[2] = lastRound(s2, s3, s0, s1) ^ rk[58];
  blk[3] = lastRound(s3, s0, s1, s2) ^ rk[59];
}

/** The last round's column (SubBytes and ShiftRows, no MixColumns) from the words it draws on. */
const lastRound = (a: number, b: number, c: number, d: number) =>
  (SBOX[a >>> 24] << 24) | (SBOX[(b >>> 16) & 255] << 16) | (SBOX[(c >>> 8) & 255] << 8) | SBOX[d & 255];

/** Byte i of the last block cipher output (or tag) in `blk`. */
const blkByte = (i: number) => (blk[i >> 2] >>> (24 - 8 * (i & 3))) & 0xff;

/**
 * The hash key H = AES(0) and its multiples by each byte (Shoup's 8-bit table, as OpenSSL's
 * gcm_init_8bit): 256 entries where the 4-bit table has 16, half the steps per block. Building it
 * is about 250 XORs of four words; a record of ~460 bytes hashes ~40 blocks, 16 steps each fewer.
 */
function hashTable(): void {
  encryptBlock(0, 0, 0, 0);
  let v0 = blk[0],
    v1 = blk[1],
    v2 = blk[2],
    v3 = blk[3];
  ht.fill(0, 0, 4);
  ht[512] = v0;
  ht[513] = v1;
  ht[514] = v2;
  ht[515] = v3;
  for (let i = 64; i > 0; i >>= 1) {
    const t = v3 & 1 ? 0xe1000000 : 0;
    v3 = (v2 << 31) | (v3 >>> 1);
    v2 = (v1 << 31) | (v2 >>> 1);
    v1 = (v0 << 31) | (v1 >>> 1);
    v0 = (v0 >>> 1) ^ t;
    ht[4 * i] = v0;
    ht[4 * i + 1] = v1;
    ht[4 * i + 2] = v2;
    ht[4 * i + 3] = v3;
  }
  for (let i = 2; i <= 128; i *= 2)
    for (let j = 1; j < i; j++) {
      const to = 4 * (i + j),
        a = 4 * i,
        b = 4 * j;
      ht[to] = ht[a] ^ ht[b];
      ht[to + 1] = ht[a + 1] ^ ht[b + 1];
      ht[to + 2] = ht[a + 2] ^ ht[b + 2];
      ht[to + 3] = ht[a + 3] ^ ht[b + 3];
    }
}

/** y = (y ⊕ block) · H. */
function ghashBlock(b0: number, b1: number, b2: number, b3: number): void {
  const x0 = y[0] ^ b0,
    x1 = y[1] ^ b1,
    x2 = y[2] ^ b2,
    x3 = y[3] ^ b3;
  // The 16 bytes from the last (least significant) to the first: shift right by 8 (reducing
  // what falls off), then add the byte's multiple of H.
  let at = (x3 & 0xff) << 2;
  let z0 = ht[at],
    z1 = ht[at + 1],
    z2 = ht[at + 2],
    z3 = ht[at + 3];
  for (let i = 1; i < 16; i++) {
    const w = i < 4 ? x3 : i < 8 ? x2 : i < 12 ? x1 : x0;
    at = ((w >>> ((i & 3) << 3)) & 0xff) << 2;
    const rem = z3 & 0xff;
    z3 = ((z2 << 24) | (z3 >>> 8)) ^ ht[at + 3];
    z2 = ((z1 << 24) | (z2 >>> 8)) ^ ht[at + 2];
    z1 = ((z0 << 24) | (z1 >>> 8)) ^ ht[at + 1];
    z0 = (z0 >>> 8) ^ (LAST8[rem] << 16) ^ ht[at];
  }
  y[0] = z0;
  y[1] = z1;
  y[2] = z2;
  y[3] = z3;
}

/** Bytes into GHASH, the last block padded with zeros. */
function ghashBytes(b: Uint8Array, from: number, to: number): void {
  let at = from;
  for (; at + 16 <= to; at += 16) ghashBlock(word(b, at), word(b, at + 4), word(b, at + 8), word(b, at + 12));
  if (at < to) {
    const w = [0, 0, 0, 0];
    for (let i = 0; at + i < to; i++) w[i >> 2] |= b[at + i] << (24 - 8 * (i & 3));
    ghashBlock(w[0], w[1], w[2], w[3]);
  }
}

/** `input[from, to)` XOR the counter-mode keystream from counter 2 into `output` from 0. */
function ctr(
  n0: number,
  n1: number,
  n2: number,
  input: Uint8Array,
  from: number,
  to: number,
  output: Uint8Array,
): void {
  let at = from,
    counter = 2;
  for (; at + 16 <= to; at += 16, counter++) {
    encryptBlock(n0, n1, n2, counter);
    // A whole block a word of keystream at a time.
    for (let w = 0, o = at - from, i = at; w < 4; w++, o += 4, i += 4) {
      const k = blk[w];
      output[o] = input[i] ^ (k >>> 24);
      output[o + 1] = input[i + 1] ^ ((k >>> 16) & 0xff);
      output[o + 2] = input[i + 2] ^ ((k >>> 8) & 0xff);
      output[o + 3] = input[i + 3] ^ (k & 0xff);
    }
  }
  if (at < to) {
    encryptBlock(n0, n1, n2, counter);
    for (let i = 0; at + i < to; i++) output[at - from + i] = input[at + i] ^ blkByte(i);
  }
}

/** GHASH of additional data and ciphertext with their lengths, XOR AES(J0): the tag, in `blk`. */
function tag(n0: number, n1: number, n2: number, aad: Uint8Array, ct: Uint8Array, from: number, to: number): void {
  y.fill(0);
  ghashBytes(aad, 0, aad.length);
  ghashBytes(ct, from, to);
  const length = to - from;
  ghashBlock(
    Math.floor(aad.length / 0x20000000),
    (aad.length << 3) >>> 0,
    Math.floor(length / 0x20000000),
    (length << 3) >>> 0,
  );
  encryptBlock(n0, n1, n2, 1);
  for (let w = 0; w < 4; w++) blk[w] ^= y[w];
}

function setUp(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== 32 || nonce.length !== 12) throw new Error('AES-256-GCM needs a 32-byte key and a 12-byte nonce');
  expandKey(key);
  hashTable();
}

function wipe(): void {
  rk.fill(0);
  ht.fill(0);
  blk.fill(0);
  y.fill(0);
}

/** The message refused: wrong key, additional data, nonce or a changed byte. */
export class GcmAuthError extends Error {
  constructor() {
    super('AES-GCM: the tag does not match');
    this.name = 'GcmAuthError';
  }
}

/** `plain` sealed: ciphertext then the 16-byte tag. */
export function gcmEncrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plain: Uint8Array): Uint8Array {
  setUp(key, nonce);
  try {
    const [n0, n1, n2] = [word(nonce, 0), word(nonce, 4), word(nonce, 8)];
    const out = new Uint8Array(plain.length + 16);
    ctr(n0, n1, n2, plain, 0, plain.length, out);
    tag(n0, n1, n2, aad, out, 0, plain.length);
    for (let i = 0; i < 16; i++) out[plain.length + i] = blkByte(i);
    return out;
  } finally {
    wipe();
  }
}

/** Ciphertext-and-tag opened; throws GcmAuthError (before decrypting anything) when the tag does not match. */
export function gcmDecrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
  return decrypt(key, nonce, aad, sealed, undefined);
}

/**
 * gcmDecrypt into the first bytes of `into` (a view of them returned; a new array when it is too
 * short): for a caller that reads the text at once and reuses the buffer (the open pool's workers
 * — a new ArrayBuffer per record costs about as much as a block cipher call of its bytes).
 */
export function gcmDecryptInto(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
  into: Uint8Array,
): Uint8Array {
  return decrypt(key, nonce, aad, sealed, into);
}

function decrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
  into: Uint8Array | undefined,
): Uint8Array {
  if (sealed.length < 16) throw new GcmAuthError();
  setUp(key, nonce);
  try {
    const [n0, n1, n2] = [word(nonce, 0), word(nonce, 4), word(nonce, 8)];
    const length = sealed.length - 16;
    tag(n0, n1, n2, aad, sealed, 0, length);
    let diff = 0;
    for (let i = 0; i < 16; i++) diff |= sealed[length + i] ^ blkByte(i);
    if (diff !== 0) throw new GcmAuthError();
    const out = into && into.length >= length ? into.subarray(0, length) : new Uint8Array(length);
    ctr(n0, n1, n2, sealed, 0, length, out);
    return out;
  } finally {
    wipe();
  }
}
