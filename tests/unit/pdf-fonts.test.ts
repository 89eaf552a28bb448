/**
 * loadPdfFonts (documents/fonts.ts): a font file that cannot be fetched — offline before the
 * service worker kept it (the browser's TypeError), or gone after an update (404) — is a
 * FontLoadError naming the file, which the UI words as such; the next call tries again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPdfFonts } from '../../src/documents/fonts';
import { FontLoadError } from '../../src/documents/fontLoadError';

afterEach(() => vi.unstubAllGlobals());

describe('loadPdfFonts', () => {
  it('offline (the fetch rejects): a FontLoadError with the browser’s words as its reason', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const error = await loadPdfFonts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FontLoadError);
    expect(error).toMatchObject({ reason: 'Failed to fetch' });
    expect((error as FontLoadError).url).toContain('DejaVuSans');
  });

  it('a file the server does not have: a FontLoadError with its status; the next call fetches again', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status: 404 })));
    await expect(loadPdfFonts()).rejects.toMatchObject({ name: 'FontLoadError', reason: 'HTTP 404' });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(new Uint8Array([1, 2, 3]))));
    expect(await loadPdfFonts()).toEqual({ regular: 'AQID', bold: 'AQID' });
  });
});
