/** parseImportFileOffThread gives what parseImportFile gives, errors included (here without workers: Node). */
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseImportFile } from '../../src/formats/import';
import { parseImportFileOffThread } from '../../src/formats/import/offThread';

const card = (name: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${name};Anna;;;\r\nFN:Anna ${name}\r\nEND:VCARD\r\n`;

describe('parsing an import file off the main thread', () => {
  it('gives the same preview', async () => {
    const bytes = new TextEncoder().encode(card('Zimmermann') + card('Yılmaz'));
    const preview = await parseImportFileOffThread('k.vcf', bytes);
    expect(preview.candidates.map((c) => c.person.lastName)).toEqual(['Zimmermann', 'Yılmaz']);
    expect(preview.candidates.map((c) => c.person.lastName)).toEqual(
      parseImportFile('k.vcf', bytes).candidates.map((c) => c.person.lastName),
    );
  });

  it('refuses an empty file with the same error', async () => {
    const error: unknown = await parseImportFileOffThread('k.vcf', new Uint8Array()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).messageKey).toBe('import.error.empty');
  });
});
