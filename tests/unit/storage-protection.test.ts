import { describe, expect, it } from 'vitest';
import { storageProtection } from '../../src/pwa/storage';

describe('storage protection (Safari deletes a site’s data after seven days unless it is on the home screen)', () => {
  it('persistent storage is safe, wherever the app runs', () => {
    for (const installed of [false, true])
      for (const appleMobile of [false, true])
        expect(storageProtection({ persisted: true, installed, appleMobile })).toEqual({ kind: 'persistent' });
  });

  it('an installed app is safe even without the persistence promise, or without the API', () => {
    expect(storageProtection({ persisted: false, installed: true, appleMobile: true })).toEqual({ kind: 'installed' });
    expect(storageProtection({ persisted: null, installed: true, appleMobile: true })).toEqual({ kind: 'installed' });
    expect(storageProtection({ persisted: false, installed: true, appleMobile: false })).toEqual({ kind: 'installed' });
  });

  it('Safari on an iPad, in a tab: at risk, add it to the home screen — with or without navigator.storage.persisted', () => {
    for (const persisted of [false, null])
      expect(storageProtection({ persisted, installed: false, appleMobile: true })).toEqual({
        kind: 'atRisk',
        advice: 'homeScreen',
      });
  });

  it('a browser without the persistence API (WebKit elsewhere): at risk, the home screen is the advice', () => {
    expect(storageProtection({ persisted: null, installed: false, appleMobile: false })).toEqual({
      kind: 'atRisk',
      advice: 'homeScreen',
    });
  });

  it('Chromium or Firefox in a tab, not persistent: at risk, ask for persistent storage', () => {
    expect(storageProtection({ persisted: false, installed: false, appleMobile: false })).toEqual({
      kind: 'atRisk',
      advice: 'persist',
    });
  });
});
