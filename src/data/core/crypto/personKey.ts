/**
 * A person's key: HMAC-SHA-256 of the data key over the person's secret (keyring.ts says why).
 * One place for the rule, used by the keyring and by the open pool's workers, which derive a key
 * per person of a whole book. The data key's inner and outer padded states are computed once; a
 * person's key is then the two compressions HMAC needs at the least (a 32-byte secret: one block
 * each way), on scratch state of this object — no hash objects, no copies of a keyed state and
 * no buffers per person (@noble/hashes' HMAC with the padded states cloned: 3.3 µs of CPU a person
 * in a page, most of it outside the compressions). The same bytes as @noble/hashes' hmac
 * (tests/unit/personKey.test.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const BLOCK = 64;

/** `state` after one more block, whose 16 words are w[0..15] (w[16..63]: the schedule, overwritten). */
function compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15],
      y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0],
    b = state[1],
    c = state[2],
    d = state[3],
    e = state[4],
    f = state[5],
    g = state[6],
    h = state[7];
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

export class PersonKeys {
  /** The states after the data key's inner (0x36) and outer (0x5c) padded block. */
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);
  /** The inner hash, the outer one's message. */
  private readonly innerHash = new Uint8Array(32);

  constructor(dataKey: Uint8Array) {
    const key = new Uint8Array(BLOCK);
    key.set(dataKey.length > BLOCK ? sha256(dataKey) : dataKey);
    for (const [state, pad] of [
      [this.inner, 0x36],
      [this.outer, 0x5c],
    ] as const) {
      state.set(IV);
      for (let i = 0; i < 16; i++)
        this.w[i] =
          ((key[4 * i] ^ pad) << 24) |
          ((key[4 * i + 1] ^ pad) << 16) |
          ((key[4 * i + 2] ^ pad) << 8) |
          (key[4 * i + 3] ^ pad);
      compress(state, this.w);
    }
    key.fill(0);
    this.w.fill(0);
  }

  /** The key of the person with this secret. */
  of(secret: Uint8Array): Uint8Array {
    this.finish(this.inner, secret);
    for (let i = 0; i < 8; i++) {
      const v = this.state[i];
      this.innerHash[4 * i] = v >>> 24;
      this.innerHash[4 * i + 1] = v >>> 16;
      this.innerHash[4 * i + 2] = v >>> 8;
      this.innerHash[4 * i + 3] = v;
    }
    this.finish(this.outer, this.innerHash);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = this.state[i];
      out[4 * i] = v >>> 24;
      out[4 * i + 1] = v >>> 16;
      out[4 * i + 2] = v >>> 8;
      out[4 * i + 3] = v;
    }
    this.state.fill(0);
    this.w.fill(0);
    return out;
  }

  /** `this.state`: SHA-256 from `keyed` (one block hashed) over `message`, padded, to its end. */
  private finish(keyed: Int32Array, message: Uint8Array): void {
    const { state, w } = this;
    state.set(keyed);
    const length = message.length;
    // Padding: 0x80, zeros, the bit length of the whole input (the keyed block included) in 8 bytes.
    const blocks = Math.ceil((length + 9) / BLOCK);
    const bits = (BLOCK + length) * 8;
    for (let block = 0; block < blocks; block++) {
      for (let i = 0; i < 16; i++) {
        let v = 0;
        for (let j = 0; j < 4; j++) {
          const at = block * BLOCK + 4 * i + j;
          v = (v << 8) | (at < length ? message[at] : at === length ? 0x80 : 0);
        }
        w[i] = v;
      }
      if (block === blocks - 1) {
        w[14] = Math.floor(bits / 0x100000000);
        w[15] = bits | 0;
      }
      compress(state, w);
    }
  }

  /** Zeroes the states that carry the data key (the keyring's lock). */
  destroy(): void {
    this.inner.fill(0);
    this.outer.fill(0);
    this.state.fill(0);
    this.w.fill(0);
    this.innerHash.fill(0);
  }
}
