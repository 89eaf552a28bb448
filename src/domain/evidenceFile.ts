/**
 * Evidence files (consent documents, transaction attachments) are checked by their content, not
 * their name: a renamed executable is no PDF. Allowed: PDF, images, e-mails (.eml, Outlook .msg).
 */

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export type EvidenceKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'heic' | 'eml' | 'msg';

export const EVIDENCE_MIME: Record<EvidenceKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
};

/** The file name extension of each kind: a stored file is saved again under its content's, never its name's. */
const EVIDENCE_EXTENSION: Record<EvidenceKind, string> = {
  pdf: 'pdf',
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
  heic: 'heic',
  eml: 'eml',
  msg: 'msg',
};

/**
 * The extension a stored file is saved again with, from its content: a name's ".html" or ".hta" on
 * a file that passed as an e-mail or a PDF (its first bytes) would run as a page or a program once
 * opened from the downloads folder. Unknown content (stored before the check): "bin".
 */
export function evidenceExtension(bytes: Uint8Array): string {
  const kind = sniffEvidenceKind(bytes);
  return kind ? EVIDENCE_EXTENSION[kind] : 'bin';
}

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  return sig.every((b, i) => bytes[offset + i] === b);
}

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** An RFC 822 message starts with header lines such as From:, Received:, MIME-Version:. */
function looksLikeEmail(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  const headers = head.split(/\r?\n\r?\n/)[0] ?? '';
  const names = headers
    .split(/\r?\n/)
    .filter((l) => /^[A-Za-z-]+:/.test(l))
    .map((l) => l.split(':')[0].toLowerCase());
  const typical = ['from', 'to', 'subject', 'date', 'received', 'mime-version', 'message-id', 'return-path'];
  return names.filter((n) => typical.includes(n)).length >= 2;
}

export function sniffEvidenceKind(bytes: Uint8Array): EvidenceKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && ['heic', 'heix', 'mif1', 'heif'].includes(ascii(bytes, 8, 12))) return 'heic';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'msg';
  if (looksLikeEmail(bytes)) return 'eml';
  return null;
}

export type EvidenceProblem = {
  messageKey: 'evidence.empty' | 'evidence.tooLarge' | 'evidence.type';
  params?: Record<string, string | number>;
};

/** Null when the file may be stored as evidence, else why not. */
export function checkEvidenceFile(bytes: Uint8Array): EvidenceProblem | null {
  if (bytes.byteLength === 0) return { messageKey: 'evidence.empty' };
  if (bytes.byteLength > MAX_EVIDENCE_BYTES)
    return { messageKey: 'evidence.tooLarge', params: { maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 } };
  if (!sniffEvidenceKind(bytes)) return { messageKey: 'evidence.type' };
  return null;
}
