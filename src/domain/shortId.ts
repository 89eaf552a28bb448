/**
 * A short, distinguishing form of a record's id, for where a person must tell records apart by
 * eye or type one back: the reference ("Zeichen") on a campaign's letters, the neutral part of a
 * download's file name. Pure.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Crockford's base 32: digits and letters without I, L, O and U, which read like 1, 0 and V. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Characters in a short id: 40 bits, so a clash is unlikely even among 100,000 persons (about 0.5 %). */
export const SHORT_ID_LENGTH = 8;

/**
 * Eight lower-case characters of the SHA-256 of the WHOLE id. Not a prefix: an import's ids share
 * their first 24 characters and differ only in a counter at the end (data/core/batchIds.ts), so a
 * prefix would give a whole batch one name. A hash of a random id holds no personal data.
 */
export function shortId(id: string): string {
  const bytes = sha256(utf8ToBytes(id));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < SHORT_ID_LENGTH) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
    if (out.length === SHORT_ID_LENGTH) break;
  }
  return out;
}
