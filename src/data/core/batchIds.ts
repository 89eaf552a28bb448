/**
 * Ids for records made together (an import's new persons): UUID-shaped (RFC 9562 version 8),
 * one random prefix per batch and a counter at the end, so the batch's keys are adjacent in
 * IndexedDB — and so is everything keyed by the person's id (key secret, audit index). Chromium's
 * LevelDB writes adjacent keys into smaller tables (shared key prefixes) and merges them with less
 * of the stored book: a third less flushed and about a third less time for an import's write into
 * the 100,000-person book (README, "What makes the write paths fast", the import). Random, not
 * time-ordered: an id shows no time, and each batch lands at its own place among the others. 74
 * random bits per batch; a clash with a stored id fails the person's add, which aborts the whole
 * transaction — it never overwrites.
 */
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A maker of ids for one batch: each call gives the next. At most 2^48 ids per batch. */
export function batchIds(): () => string {
  const r = hex(crypto.getRandomValues(new Uint8Array(10)));
  // xxxxxxxx-xxxx-8xxx-Vxxx-<counter>: version 8, variant 10xx (8, 9, a or b).
  const variant = ((parseInt(r[15], 16) & 0x3) | 0x8).toString(16);
  const prefix = `${r.slice(0, 8)}-${r.slice(8, 12)}-8${r.slice(12, 15)}-${variant}${r.slice(16, 19)}-`;
  let next = 0;
  return () => prefix + (next++).toString(16).padStart(12, '0');
}
