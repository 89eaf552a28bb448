/** parseImportFileOffThread gives what parseImportFile gives, errors included (here without workers: Node). */
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseImportFile } from '../../src/formats/import';
import { parseImportFileOffThread } from '../../src/formats/import/offThread';
import { PART, previewInParts, previewJoiner } from '../../src/formats/import/parseParts';

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

  it('sends a large preview in parts of at most 1,000 that join to the same preview', () => {
    const csv = ['Vorname;Nachname;E-Mail', ...Array.from({ length: 2500 }, (_, i) => `Anna;N${i};a${i}@example.org`)];
    const preview = parseImportFile('k.csv', new TextEncoder().encode(csv.join('\r\n')));
    expect(preview.candidates).toHaveLength(2500);
    expect(preview.csv?.rows).toHaveLength(2500);
    const parts = [...previewInParts(preview)];
    // Three parts of candidates, three of rows, then the rest of the preview.
    expect(parts).toHaveLength(7);
    for (const part of parts) {
      if ('candidates' in part) expect(part.candidates.length).toBeLessThanOrEqual(PART);
      if ('rows' in part) expect(part.rows.length).toBeLessThanOrEqual(PART);
    }
    const join = previewJoiner();
    const joined = parts.map(join);
    expect(joined.slice(0, -1).every((p) => p === undefined)).toBe(true);
    expect(joined.at(-1)).toEqual(preview);
  });
});
