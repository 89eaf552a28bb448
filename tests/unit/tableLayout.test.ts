// PDF table columns from their content (issue 16, item 4): no word is split mid-word.
import { describe, expect, it } from 'vitest';
import { hyphenate, layoutTable } from '../../src/documents/tableLayout';

/** 2 mm per character, bold 2.5: easy to reason about. */
const measure = (text: string, bold: boolean) => text.length * (bold ? 2.5 : 2);

describe('layoutTable', () => {
  it('widens a column to its widest word, taking the room from a column wider than its words', () => {
    const layout = layoutTable(
      [{ header: 'Feld', width: 20 }, { header: 'Wert', width: 60 }, { header: 'Notiz' }],
      [['Bankverbindung', 'kurz', 'ein Satz aus Wörtern']],
      measure,
      3,
      100,
    );
    // "Bankverbindung": 14 characters, 28 mm, plus padding: no longer 20 mm.
    expect(layout.widths[0].width).toBeGreaterThanOrEqual(28 + 3);
    expect(layout.widths.reduce((a, w) => a + w.width, 0)).toBeLessThanOrEqual(100.01);
    expect(layout.widths[2]).toMatchObject({ fixed: false });
    expect(layout.body).toEqual([['Bankverbindung', 'kurz', 'ein Satz aus Wörtern']]);
  });

  it("hyphenates only what the page cannot hold, at the word's own hyphens first", () => {
    const layout = layoutTable(
      [{ header: 'A' }, { header: 'B' }],
      [['Sozialversicherungsmeldungen', 'Bankverbindungsmann-Schwarzenberger']],
      measure,
      3,
      100,
    );
    const [a, b] = layout.body[0];
    // Each piece fits its column; a piece ends in a hyphen; together they are the word again.
    for (const [cell, i] of [
      [a, 0],
      [b, 1],
    ] as const) {
      for (const piece of cell.split(' '))
        expect(measure(piece, false)).toBeLessThanOrEqual(layout.widths[i].width - 3);
      expect(
        cell
          .split(' ')
          .slice(0, -1)
          .every((p) => p.endsWith('-')),
      ).toBe(true);
    }
    expect(a.replace(/- /g, '')).toBe('Sozialversicherungsmeldungen');
    expect(b.split(' ')[0]).toBe('Bankverbindungsmann-');
  });
});

describe('hyphenate', () => {
  it('leaves a word that fits, and cuts one that does not into pieces that do', () => {
    const width = (s: string) => s.length;
    expect(hyphenate('Wort', 10, width)).toEqual(['Wort']);
    expect(hyphenate('purpose-address-trade', 10, width)).toEqual(['purpose-', 'address-', 'trade']);
    expect(hyphenate('Steuerberatungsgesellschaft', 10, width)).toEqual(['Steuerber-', 'atungsges-', 'ellschaft']);
  });
});
