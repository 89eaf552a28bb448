/** The recogniser of a lazy chunk that failed to load (src/ui/chunkLoad.ts), with each engine's words. */
import { describe, expect, it } from 'vitest';
import { isChunkLoadError } from '../../src/ui/chunkLoad';

const URL = 'https://consentbook.example/assets/NewTransactionDialog-Bx3k9.js';

describe('isChunkLoadError', () => {
  it.each([
    ['Chromium', new TypeError(`Failed to fetch dynamically imported module: ${URL}`)],
    ['Firefox', new TypeError(`error loading dynamically imported module: ${URL}`)],
    ['Firefox (older)', new TypeError('error loading dynamically imported module')],
    ['WebKit', new TypeError('Importing a module script failed.')],
    ["Vite's stylesheet preload", new Error('Unable to preload CSS for /assets/Register-D1x.css')],
  ])("recognises %s's failed import", (_engine, error) => {
    expect(isChunkLoadError(error)).toBe(true);
  });

  it('takes an error from another realm (an object with the message) too', () => {
    expect(
      isChunkLoadError({ name: 'TypeError', message: `Failed to fetch dynamically imported module: ${URL}` }),
    ).toBe(true);
  });

  it.each([
    ['a failed fetch of data', new TypeError('Failed to fetch')],
    ['WebKit’s failed fetch', new TypeError('Load failed')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'default')")],
    ['a module that threw while it ran', new SyntaxError('Unexpected token')],
    ['a string', 'Failed to fetch dynamically imported module'],
    ['nothing', null],
    ['undefined', undefined],
  ])('does not take %s for one', (_what, error) => {
    expect(isChunkLoadError(error)).toBe(false);
  });
});
