/** The start must stay small: the JS and CSS the entry page loads, gzipped, within 180 KB. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const BUDGET = 180 * 1024;
const DIST = process.env.CONSENTBOOK_DIST ?? 'dist';

describe('bundle budget', () => {
  it('the initial JS and CSS stay under 180 KB gzip, without jsPDF', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(0);
    const sources = files.map((f) => readFileSync(join(DIST, f)));
    const gzipped = sources.reduce((sum, s) => sum + gzipSync(s).length, 0);
    console.log(`initial load: ${files.join(', ')} = ${(gzipped / 1024).toFixed(1)} KB gzip`);
    expect(gzipped).toBeLessThan(BUDGET);
    for (const s of sources) expect(s.toString()).not.toContain('jsPDF');
  });
});
