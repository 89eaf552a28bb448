/**
 * The directory's search index: every distinct search word of every person, sorted, each with the
 * persons holding it. A query word is a prefix, so the words it finds are one contiguous run of
 * the sorted words (two binary searches), and their persons one contiguous run of `postings` — no
 * scan over 100,000 persons' words. Pure: built in a worker (indexWorker.ts) or, without workers
 * (the unit tests), on the main thread.
 *
 * Persons are numbered by their place in the name order when the index was built (a "slot"): the
 * persons of a run, sorted by slot, are in name order. The directory's row workers each build the
 * index of the persons they read (a part); a search merges the parts' hits in name order.
 */
import { SEARCH_SEPARATOR, type DirectoryEntry } from '../core/derived';
import { byName, mergeByName } from './bucketRows';

export interface PackedIndex {
  /** The distinct words in code-unit order, each followed by SEARCH_SEPARATOR. */
  words: string;
  /** Where word i starts in `words` (length: words + 1). */
  wordAt: Int32Array;
  /** Where word i's slots start in `postings` (length: words + 1). */
  postingAt: Int32Array;
  /** The slots of each word's persons, word after word; ascending within a word. */
  postings: Int32Array;
}

/**
 * The index of the persons' search texts (DirectoryEntry.searchText: each word after
 * SEARCH_SEPARATOR), slot i being texts[i].
 */
export function buildSearchIndex(texts: readonly string[]): PackedIndex {
  // Each distinct word gets a number; then counted, sorted (natively: code-unit order) and laid
  // out word after word — no array per word.
  const idOf = new Map<string, number>();
  const wordIds: number[] = [];
  const slotOf: number[] = [];
  texts.forEach((text, slot) => {
    // searchText starts with the separator: the first part is empty. A person's words are distinct.
    const parts = text.split(SEARCH_SEPARATOR);
    for (let i = 1; i < parts.length; i++) {
      let id = idOf.get(parts[i]);
      if (id === undefined) idOf.set(parts[i], (id = idOf.size));
      wordIds.push(id);
      slotOf.push(slot);
    }
  });
  const sorted = [...idOf.keys()].sort();
  const rank = new Int32Array(sorted.length);
  sorted.forEach((word, i) => (rank[idOf.get(word) as number] = i)); // every sorted word has an id
  const wordAt = new Int32Array(sorted.length + 1);
  const postingAt = new Int32Array(sorted.length + 1);
  for (const id of wordIds) postingAt[rank[id] + 1]++;
  for (let i = 0; i < sorted.length; i++) {
    postingAt[i + 1] += postingAt[i];
    wordAt[i + 1] = wordAt[i] + sorted[i].length + 1;
  }
  // Slots were visited in ascending order: each word's run stays ascending.
  const postings = new Int32Array(wordIds.length);
  const next = postingAt.slice(0, sorted.length);
  wordIds.forEach((id, k) => (postings[next[rank[id]]++] = slotOf[k]));
  return {
    words: sorted.length ? sorted.join(SEARCH_SEPARATOR) + SEARCH_SEPARATOR : '',
    wordAt,
    postingAt,
    postings,
  };
}

function wordOf(index: PackedIndex, i: number): string {
  return index.words.slice(index.wordAt[i], index.wordAt[i + 1] - 1);
}

/** The first word for which `before` is false (they are all true, then all false). */
function firstNot(index: PackedIndex, before: (word: string) => boolean): number {
  let lo = 0;
  let hi = index.wordAt.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(wordOf(index, mid))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The run of `postings` holding the slots of the words that begin with `prefix`: [from, to). */
export function prefixRun(index: PackedIndex, prefix: string): [number, number] {
  const first = firstNot(index, (w) => w < prefix);
  const end = firstNot(index, (w) => w < prefix || w.startsWith(prefix));
  return [index.postingAt[first], index.postingAt[end]];
}

/** One index and the entries it was built from: slot i is slots[i] (in name order). */
export interface IndexPart {
  packed: PackedIndex;
  slots: readonly DirectoryEntry[];
}

/**
 * The index in parts (one per row worker that built it, or one built over everyone), with the
 * persons changed since (added, changed, erased, or read outside every part: their entries in the
 * parts' slots no longer count, their current ones are checked one by one).
 */
export interface SearchIndex {
  parts: readonly IndexPart[];
  changed: Set<string>;
}

/** A query as the search compares it: per word, its folded forms, each after SEARCH_SEPARATOR. */
export type Needles = readonly (readonly string[])[];

export interface SearchResult {
  ids: string[];
  truncated: boolean;
}

const matchesAll = (e: DirectoryEntry, needles: Needles) =>
  needles.every((forms) => forms.some((n) => e.searchText.includes(n)));

/**
 * The scan the index replaces, and the answer while it is built: every person in name order.
 * "\u0001word" in "\u0001term\u0001term…" is "a term starts with word": one native substring
 * search per word instead of a loop over the terms.
 */
export function scanSearch(
  ordered: readonly DirectoryEntry[],
  needles: Needles,
  limit: number,
  keep?: (id: string) => boolean,
): SearchResult {
  const ids: string[] = [];
  for (const e of ordered) {
    // The list's filter first: the limit counts only persons it keeps.
    if (keep && !keep(e.id)) continue;
    if (matchesAll(e, needles)) {
      if (ids.length === limit) return { ids, truncated: true };
      ids.push(e.id);
    }
  }
  return { ids, truncated: false };
}

/**
 * The same answer as scanSearch over the current entries in name order (`current`: an id's entry
 * now): in each part, the candidates are the persons of the query's rarest word, found in the
 * index; each is checked against every word as the scan does; the parts' hits and the persons
 * changed since are merged in name order.
 */
export function indexedSearch(
  index: SearchIndex,
  current: (id: string) => DirectoryEntry | undefined,
  needles: Needles,
  limit: number,
  keep?: (id: string) => boolean,
): SearchResult {
  // A word with an empty form ("\u0001" alone) matches everyone: it narrows nothing.
  const narrowing = needles.filter((forms) => !forms.includes(SEARCH_SEPARATOR));
  if (narrowing.length === 0) {
    // Nothing narrows: every person, as the scan gives them.
    const all = [
      ...index.parts.flatMap((part) => part.slots.filter((e) => current(e.id) === e)),
      ...freshMatches(index, current, needles),
    ];
    return scanSearch(all.sort(byName), needles, limit, keep);
  }
  const hits = mergeByName([
    ...index.parts.map((part) => partHits(part, current, narrowing, needles)),
    freshMatches(index, current, needles),
  ]);
  const ids: string[] = [];
  for (const e of hits) {
    if (keep && !keep(e.id)) continue;
    if (ids.length === limit) return { ids, truncated: true };
    ids.push(e.id);
  }
  return { ids, truncated: false };
}

/** A part's persons, unchanged since it was built, that match every word, in name order. */
function partHits(
  part: IndexPart,
  current: (id: string) => DirectoryEntry | undefined,
  narrowing: Needles,
  needles: Needles,
): DirectoryEntry[] {
  let runs: [number, number][] = [];
  let count = Infinity;
  for (const forms of narrowing) {
    const found = forms.map((n) => prefixRun(part.packed, n.slice(SEARCH_SEPARATOR.length)));
    const size = found.reduce((sum, [from, to]) => sum + to - from, 0);
    if (size < count) [runs, count] = [found, size];
  }
  // A word's forms may overlap (ä: "a" and "ae"): slots sorted, each taken once.
  const candidates = new Int32Array(count);
  let n = 0;
  for (const [from, to] of runs) {
    candidates.set(part.packed.postings.subarray(from, to), n);
    n += to - from;
  }
  candidates.sort();
  const hits: DirectoryEntry[] = [];
  let last = -1;
  for (const slot of candidates) {
    if (slot === last) continue;
    last = slot;
    const e = part.slots[slot];
    // Changed or erased since the index was built: its current entry is among the fresh ones.
    if (current(e.id) !== e) continue;
    if (matchesAll(e, needles)) hits.push(e);
  }
  return hits;
}

/** The persons changed since the index was built that match, in name order. */
function freshMatches(
  index: SearchIndex,
  current: (id: string) => DirectoryEntry | undefined,
  needles: Needles,
): DirectoryEntry[] {
  const fresh: DirectoryEntry[] = [];
  for (const id of index.changed) {
    const e = current(id);
    if (e && matchesAll(e, needles)) fresh.push(e);
  }
  return fresh.sort(byName);
}
