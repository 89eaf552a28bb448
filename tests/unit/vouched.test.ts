// What an administrator vouches for of a member's writing (domain/vouched.ts): their audit segments
// up to the head held of each chain — the entry at the head the same one — and their append-only
// documents at the revision held; nothing of a chain not held; vouching again adds to it.
import { describe, expect, it } from 'vitest';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { keepsDoc, keepsSegment, mergeVouched, type Vouched } from '../../src/domain/vouched';

const entry = (seq: number, hash = `h${seq}`) => ({ seq, hash }) as ChainedEntry;
const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const kept: Vouched = {
  chains: { 'dev-a': { lastSeq: 120, hash: 'h120' } },
  docs: { 'erasures:p1': '1-abc' },
};

describe('what is vouched for', () => {
  it('segments of a held chain up to its head, the head entry unchanged', () => {
    expect(keepsSegment(kept, 'dev-a', run(1, 50))).toBe(true);
    expect(keepsSegment(kept, 'dev-a', run(101, 120))).toBe(true);
    // Past the head: written after the removal (or not yet held when it was made).
    expect(keepsSegment(kept, 'dev-a', run(101, 121))).toBe(false);
    expect(keepsSegment(kept, 'dev-a', run(121, 130))).toBe(false);
    // The entry at the head made another.
    expect(keepsSegment(kept, 'dev-a', [...run(110, 119), entry(120, 'forged')])).toBe(false);
    // A chain the remover did not hold, or an empty segment.
    expect(keepsSegment(kept, 'dev-b', run(1, 5))).toBe(false);
    expect(keepsSegment(kept, 'dev-a', [])).toBe(false);
    // An inherited name is not a chain.
    expect(keepsSegment(kept, 'constructor', run(1, 5))).toBe(false);
  });

  it('an append-only document at the revision held', () => {
    expect(keepsDoc(kept, 'erasures:p1', '1-abc')).toBe(true);
    expect(keepsDoc(kept, 'erasures:p1', '1-abd')).toBe(false);
    expect(keepsDoc(kept, 'erasures:p1', undefined)).toBe(false);
    expect(keepsDoc(kept, 'erasures:p2', '1-abc')).toBe(false);
    expect(keepsDoc(kept, 'toString', '1-abc')).toBe(false);
  });

  it('vouching again adds: every document of both, each chain as far as either reaches', () => {
    const later: Vouched = {
      chains: { 'dev-a': { lastSeq: 90, hash: 'h90' }, 'dev-b': { lastSeq: 3, hash: 'h3' } },
      docs: { 'erasures:p2': '1-def' },
    };
    expect(mergeVouched(kept, later)).toEqual({
      chains: { 'dev-a': { lastSeq: 120, hash: 'h120' }, 'dev-b': { lastSeq: 3, hash: 'h3' } },
      docs: { 'erasures:p1': '1-abc', 'erasures:p2': '1-def' },
    });
    expect(mergeVouched(undefined, later)).toEqual(later);
  });
});
