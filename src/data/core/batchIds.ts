/**
 * Ids for records made together (an import's new persons): UUID-shaped (RFC 9562 version 8), a
 * random prefix per run of RUN_IDS and a counter at the end, so the batch's keys are adjacent in
 * IndexedDB — and so is everything keyed by the person's id (key secret, audit index). Chromium's
 * LevelDB writes adjacent keys into smaller tables (shared key prefixes): the bench's import of
 * 10,000 cards into the 100,000-person book flushed a quarter fewer bytes (README, "What makes the
 * write paths fast", the import). Random, not
 * time-ordered: an id shows no time, and each run lands at its own place among the others. 74
 * random bits per run; a clash with a stored id fails the person's add, which aborts the whole
 * transaction — it never overwrites.
 */
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** xxxxxxxx-xxxx-8xxx-Vxxx-: version 8, variant 10xx (V is 8, 9, a or b). */
function randomPrefix(): string {
  const r = hex(crypto.getRandomValues(new Uint8Array(10)));
  const variant = ((parseInt(r[15], 16) & 0x3) | 0x8).toString(16);
  return `${r.slice(0, 8)}-${r.slice(8, 12)}-8${r.slice(12, 15)}-${variant}${r.slice(16, 19)}-`;
}

/**
 * Ids adjacent in runs of this many: long enough for LevelDB's shared prefixes, short enough that a
 * big import does not crowd one of the directory's 16 key ranges (directory/rowReader.ts).
 */
export const RUN_IDS = 1_000;

/** A maker of ids for one batch: each call gives the next, a new random prefix every RUN_IDS. */
export function batchIds(): () => string {
  let prefix = '';
  let next = 0;
  return () => {
    if (next % RUN_IDS === 0) prefix = randomPrefix();
    return prefix + (next++).toString(16).padStart(12, '0');
  };
}
