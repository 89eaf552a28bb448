// An evidence file or attachment is judged by its content, and saved again under its content's
// extension: a name's ".html" or ".hta" on a file whose first bytes pass as an e-mail or a PDF would
// run as a page or a program once opened from the downloads folder.
import { describe, expect, it } from 'vitest';
import { checkEvidenceFile, evidenceExtension } from '../../src/domain/evidenceFile';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('a stored file saved again', () => {
  it('takes the extension of what it holds, whatever its name said', () => {
    // Passes as an e-mail (two header lines), named Einwilligung.html by whoever handed it over.
    const mail = bytes('From: a@example.org\nTo: b@example.org\n\n<script>alert(1)</script>');
    expect(checkEvidenceFile(mail)).toBeNull();
    expect(evidenceExtension(mail)).toBe('eml');
    expect(evidenceExtension(bytes('%PDF-1.4\n<script>alert(1)</script>'))).toBe('pdf');
    expect(evidenceExtension(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x3c, 0x73, 0x76, 0x67]))).toBe('jpg');
  });

  it('of no known kind (stored before the check) is saved as .bin, never as its name says', () => {
    expect(evidenceExtension(bytes('<html><script>alert(1)</script></html>'))).toBe('bin');
  });
});
