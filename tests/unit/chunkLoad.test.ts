/**
 * The recogniser of a lazy chunk that failed to load (src/ui/chunkLoad.ts), with each engine's
 * words, and the message ErrorAlert gets for it (errorMessage: "Neu laden" by the error's kind —
 * also for a PDF's font that failed to load, which a reload brings back too).
 */
import { describe, expect, it } from 'vitest';
import { isChunkLoadError } from '../../src/ui/chunkLoad';
import { errorMessage, type Translate } from '../../src/ui/i18n';
import { FontLoadError } from '../../src/documents/fontLoadError';
import { t, type MessageKey, type MessageParams } from '../../src/i18n/messages';

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

describe('errorMessage', () => {
  const tr: Translate = Object.assign((key: MessageKey, params?: MessageParams) => t('de', key, params), {
    lang: 'de' as const,
  });

  it('marks a failed chunk by the error, with its text', () => {
    expect(errorMessage(tr, new TypeError(`Failed to fetch dynamically imported module: ${URL}`))).toEqual({
      text: t('de', 'ui.pwa.chunkFailed'),
      reloads: true,
    });
  });

  it('marks a PDF font that failed to load (gone after an update, or offline): its own text, with "Neu laden"', () => {
    expect(errorMessage(tr, new FontLoadError('/assets/DejaVuSans-1.ttf', 'HTTP 404'))).toEqual({
      text: t('de', 'error.pdfFontMissing'),
      reloads: true,
    });
  });

  it('does not mark any other error, even one whose words are the chunk message', () => {
    expect(errorMessage(tr, new Error(t('de', 'ui.pwa.chunkFailed'))).reloads).toBe(false);
    expect(errorMessage(tr, new TypeError('Failed to fetch')).reloads).toBe(false);
  });
});
