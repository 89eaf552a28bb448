import { describe, expect, it } from 'vitest';
import { clockOr, coveredBy, isVersionClock, mergedClock, nextClock } from '../../src/domain/versionClock';

describe('a version clock', () => {
  it('counts up its own device over what it holds, and merges by the greater count', () => {
    expect(nextClock(undefined, 'a')).toEqual({ a: 1 });
    expect(nextClock({ a: 2, b: 5 }, 'a')).toEqual({ a: 3, b: 5 });
    expect(mergedClock({ a: 3, b: 1 }, { b: 4, c: 1 })).toEqual({ a: 3, b: 4, c: 1 });
    expect(mergedClock(undefined, undefined)).toEqual({});
  });

  it('covers its own version and those before it, not a change made beside it', () => {
    expect(coveredBy({ a: 1 }, { a: 2 })).toBe(true);
    expect(coveredBy({ a: 2 }, { a: 2 })).toBe(true);
    expect(coveredBy({ a: 1, b: 1 }, { a: 2 })).toBe(false);
    expect(coveredBy({ a: 3 }, { a: 2, b: 9 })).toBe(false);
    expect(coveredBy({}, { a: 1 })).toBe(true);
  });

  it('is only device ids with positive whole counts (what a server may have put there is not taken)', () => {
    expect(isVersionClock({ 'dev-a': 1, 'dev-b': 12 })).toBe(true);
    for (const bad of [null, 3, 'a', [1], { a: 0 }, { a: -1 }, { a: 1.5 }, { a: '2' }, { a: Number.MAX_VALUE }])
      expect(isVersionClock(bad)).toBe(false);
    expect(isVersionClock(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`d${i}`, 1])))).toBe(false);
    expect(clockOr({ a: '2' })).toBeUndefined();
    expect(clockOr({ a: 2 })).toEqual({ a: 2 });
  });
});

describe("a device's own entry", () => {
  it('is its running count where that is ahead of the clock it holds', () => {
    expect(nextClock({ a: 2, b: 1 }, 'a', 7)).toEqual({ a: 7, b: 1 });
    expect(nextClock({ a: 9 }, 'a', 7)).toEqual({ a: 10 });
  });
});
