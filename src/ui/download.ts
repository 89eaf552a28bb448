/**
 * Real browser downloads with meaningful names, so the user finds the file again (and tests can
 * check it): one helper for every file the app hands out.
 */

/** Starts a download of the blob. The URL is revoked a minute later: revoking at once can cancel it. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  // On body, not in #root: an open dialog makes #root inert.
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Bytes as a download; copied into a fresh ArrayBuffer, which the Blob constructor requires. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'application/octet-stream'): void {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  downloadBlob(new Blob([copy], { type }), fileName);
}
