// The engine's back-off rule (sync/link.ts): the replication's retries and the engine's own follow it.
import { describe, expect, it, vi } from 'vitest';
import { backOff, browserOffline, MAX_BACK_OFF_MS } from '../../src/data/sync/link';

describe('sync back-off', () => {
  it('starts at a second, doubles, and stays at the ceiling', () => {
    const pauses: number[] = [];
    for (let pause = 0, i = 0; i < 8; i++) pauses.push((pause = backOff(pause)));
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, MAX_BACK_OFF_MS, MAX_BACK_OFF_MS, MAX_BACK_OFF_MS]);
  });

  it('reads the browser’s own word on being offline, and nothing else', () => {
    expect(browserOffline()).toBe(false);
    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(browserOffline()).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
