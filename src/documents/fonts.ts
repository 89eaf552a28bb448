/**
 * Loads DejaVu Sans (regular and bold, ~1.4 MB together) for the PDFs, in the browser only when a
 * PDF is made: the TTFs are Vite assets fetched on demand, never part of the app start.
 */
import type { PdfFonts } from './theme';
import { FontLoadError } from './fontLoadError';

let cached: Promise<PdfFonts> | null = null;

/** The fonts as base64, fetched once per session; a failed fetch is retried on the next call. */
export function loadPdfFonts(): Promise<PdfFonts> {
  cached ??= fetchFonts().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function fetchFonts(): Promise<PdfFonts> {
  // `?url` makes Vite emit the file as a hashed asset and hand back its URL (cached by the service worker).
  const [regularUrl, boldUrl] = await Promise.all([
    import('dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url').then((m) => m.default),
    import('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url').then((m) => m.default),
  ]);
  const [regular, bold] = await Promise.all([fetchBase64(regularUrl), fetchBase64(boldUrl)]);
  return { regular, bold };
}

/** A font file's bytes; a refused or failed fetch (offline: the browser's TypeError) is a FontLoadError. */
async function fetchBase64(url: string): Promise<string> {
  let bytes: ArrayBuffer;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new FontLoadError(url, `HTTP ${response.status}`);
    bytes = await response.arrayBuffer();
  } catch (e) {
    throw e instanceof FontLoadError ? e : new FontLoadError(url, e instanceof Error ? e.message : String(e));
  }
  return bytesToBase64(new Uint8Array(bytes));
}

/** Base64 without Node's Buffer; chunked because String.fromCharCode(...bytes) overflows the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
