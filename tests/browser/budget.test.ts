/**
 * The start must stay small: the JS and CSS the entry page loads, gzipped, within 180 KB, without
 * jsPDF, without the English messages (a chunk of their own, loaded when English is chosen) and
 * without German's later areas (a chunk loaded before the first lazy screen; the PDF worker, a
 * file of its own, carries its own copies of both).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { de } from '../../src/i18n/de';
import { later } from '../../src/i18n/de/later';

/**
 * The bench's budget (initial_js_gzip_kb). What the first paint does not need is a lazy chunk:
 * the person form with its dialogs, the first-start form, the sync status, the backup reminder.
 */
const BUDGET = 180 * 1024;
const DIST = process.env.CONSENTBOOK_DIST ?? 'dist';

/** German texts of later areas found nowhere else in the code. */
const GERMAN_LATER = [later['ui.settings.help'], later['report.access.title'], later['ui.campaign.title']];
/** English texts found nowhere else in the code (no English error message repeats them). */
const ENGLISH_ONLY = [en['ui.nav.label'], en['ui.settings.help'], en['report.access.title']];

describe('bundle budget', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const text = (f: string) => readFileSync(join(DIST, f), 'utf8');
  const isWorker = (f: string) => /Worker-[\w-]+\.js$/.test(f);

  it('the initial JS and CSS stay under 180 KB gzip, without jsPDF', () => {
    expect(initial.length).toBeGreaterThan(0);
    const sources = initial.map((f) => readFileSync(join(DIST, f)));
    const gzipped = sources.reduce((sum, s) => sum + gzipSync(s).length, 0);
    console.log(
      `initial load: ${initial.join(', ')} = ${(gzipped / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`,
    );
    expect(gzipped).toBeLessThan(BUDGET);
    for (const s of sources) expect(s.toString()).not.toContain('jsPDF');
  });

  it("ships none of jsPDF's unused peers (html2canvas, canvg), in the app's chunks or the PDF worker", () => {
    const js = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(js.filter((f) => /^(html2canvas|purify|canvg)/.test(f))).toEqual([]);
    // html2canvas's own banner and canvg's clip paths: inlined into the worker before (1.08 MB).
    for (const f of js) expect(text(`assets/${f}`)).not.toMatch(/hertzen\.com|ClipPath/);
  });

  it("carries German's start areas at the start, its later ones and the English ones only in lazy chunks", () => {
    const start = initial.map(text).join('\n');
    expect(start).toContain(de['ui.nav.label']);
    for (const english of ENGLISH_ONLY) expect(start).not.toContain(english);
    for (const german of GERMAN_LATER) expect(start).not.toContain(german);
    const lazy = readdirSync(join(DIST, 'assets'))
      .map((f) => `assets/${f}`)
      .filter((f) => f.endsWith('.js') && !initial.includes(f));
    // A worker is bundled apart, as one file: the PDF worker (documents/pdfWorker.ts) has its own copy of each.
    const [ofWorkers, ofApp] = [lazy.filter(isWorker), lazy.filter((f) => !isWorker(f))];
    for (const texts of [ENGLISH_ONLY, GERMAN_LATER]) {
      const holding = (files: string[]) => files.filter((f) => texts.every((s) => text(f).includes(s)));
      expect(holding(ofApp)).toHaveLength(1);
      expect(holding(ofWorkers)).toEqual([expect.stringMatching(/^assets\/pdfWorker-[\w-]+\.js$/)]);
    }
  });

  it("names none of German's later keys at the start (t() throws for a key not yet loaded)", () => {
    // A module of the start bundle asking for a later key would show an error until a lazy
    // screen happened to load the later messages; keys stay literal strings when minified.
    const start = initial.map(text).join('\n');
    const named = Object.keys(later).filter((key) => ['"', "'", '`'].some((q) => start.includes(q + key + q)));
    expect(named).toEqual([]);
  });
});
