/** The bench's growth chart (tests/bench/chart.mjs): data in, SVG out. */
import { describe, expect, it } from 'vitest';
import { growth, growthChart } from '../bench/chart.mjs';

const sizes = [1000, 10_000, 100_000];
/** The panels of a chart: name, growth, and the text of each (no DOM in the unit tests). */
function panelsOf(svg: string) {
  return [...svg.matchAll(/<g class="figure" data-name="([^"]*)" data-growth="([^"]*)">([\s\S]*?)<\/g>/g)].map((m) => ({
    name: m[1],
    growth: m[2],
    circles: [...m[3].matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((c) => [Number(c[1]), Number(c[2])]),
    budgets: (m[3].match(/class="budget"/g) ?? []).length,
  }));
}

const series = (name: string, values: (number | null)[], budget: number | null = 100) => ({
  name,
  unit: 'ms',
  budget,
  points: sizes.map((persons, i) => ({ persons, value: values[i] })),
});

describe('the growth chart', () => {
  it('tells flat, linear and sublinear figures apart', () => {
    expect(growth(series('a', [10, 11, 12]).points)).toBe('flat');
    expect(growth(series('b', [10, 100, 1000]).points)).toBe('linear');
    expect(growth(series('c', [10, 30, 90]).points)).toBe('sublinear');
    expect(growth(series('d', [null, null, 5]).points)).toBe('unknown');
  });

  it('draws one panel per figure with a point per size, its budget and its growth', () => {
    const svg: string = growthChart([series('save_ms_p95', [5, 6, 7], 15), series('export_ms', [80, 800, null], null)]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const panels = panelsOf(svg);
    expect(panels.map((g) => [g.name, g.growth])).toEqual([
      ['save_ms_p95', 'flat'],
      ['export_ms', 'linear'],
    ]);
    expect(panels[0].circles).toHaveLength(3);
    expect(panels[1].circles).toHaveLength(2); // the missing value is left out
    expect(panels[0].budgets).toBe(1);
    expect(panels[1].budgets).toBe(0);
  });

  it('places larger values higher and larger sizes further right', () => {
    const points = panelsOf(growthChart([series('x', [1, 2, 3])]))[0].circles;
    expect(points[0][0]).toBeLessThan(points[1][0]);
    expect(points[1][0]).toBeLessThan(points[2][0]);
    expect(points[0][1]).toBeGreaterThan(points[2][1]); // SVG y grows downwards
  });

  it('escapes names', () => {
    expect(growthChart([series('a<b', [1, 2, 3])])).toContain('a&lt;b');
  });
});
