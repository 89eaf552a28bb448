/**
 * A PDF's font file could not be fetched (fonts.ts): offline before the service worker kept it, or
 * its old file gone after an update. No PDF is made without it. A module of its own: the UI words
 * it (errorText) without loading the fonts' code at the start.
 */
export class FontLoadError extends Error {
  readonly messageKey = 'error.pdfFontMissing';
  /** url: the font file; reason: why the fetch failed ("HTTP 404", "Failed to fetch"). */
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`The PDF font ${url} could not be loaded: ${reason}`);
    this.name = 'FontLoadError';
  }
}
