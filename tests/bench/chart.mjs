/**
 * How each figure grows with the number of persons, as an SVG: one small panel per figure, persons
 * on a logarithmic x axis, the figure on a linear y axis from 0, its budget as a dashed line.
 * Pure: data in, SVG text out (tests/unit/benchChart.test.ts).
 *
 * @typedef {{ name: string, unit: string, budget: number | null, points: { persons: number, value: number | null }[] }} Series
 */

const PANEL = { width: 300, height: 150, left: 52, right: 28, top: 26, bottom: 30 };
const COLUMNS = 3;

const escape = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (x) =>
  x >= 1000 ? x.toLocaleString('en', { maximumFractionDigits: 0 }) : String(Math.round(x * 100) / 100);

/**
 * Growth between the smallest and the largest size, per tenfold of persons: "flat" when the figure
 * grows by less than half its value over the whole range, "linear" when it grows about as fast as
 * the persons (slope ≥ 0.7 on log-log), "sublinear" between.
 * @param {Series['points']} points
 * @returns {'flat' | 'sublinear' | 'linear' | 'unknown'}
 */
export function growth(points) {
  const known = points.filter((p) => p.value !== null && p.value > 0).sort((a, b) => a.persons - b.persons);
  if (known.length < 2) return 'unknown';
  const first = known[0];
  const last = known[known.length - 1];
  if (last.value < first.value * 1.5) return 'flat';
  const slope = Math.log(last.value / first.value) / Math.log(last.persons / first.persons);
  return slope >= 0.7 ? 'linear' : 'sublinear';
}

/**
 * @param {Series[]} series
 * @param {{ title?: string }} [options]
 * @returns {string}
 */
export function growthChart(series, { title = 'Figures by number of persons' } = {}) {
  const rows = Math.max(1, Math.ceil(series.length / COLUMNS));
  const width = COLUMNS * PANEL.width;
  const height = 30 + rows * PANEL.height;
  const panels = series.map((s, i) =>
    panel(s, (i % COLUMNS) * PANEL.width, 30 + Math.floor(i / COLUMNS) * PANEL.height),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13">${escape(title)}</text>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}

/** @param {Series} s @param {number} x0 @param {number} y0 */
function panel(s, x0, y0) {
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const known = s.points.filter((p) => p.value !== null);
  const sizes = s.points.map((p) => p.persons);
  const minX = Math.log10(Math.min(...sizes));
  const maxX = Math.log10(Math.max(...sizes));
  const maxY = Math.max(1e-9, ...known.map((p) => p.value), s.budget ?? 0) * 1.1;
  const px = (persons) =>
    x0 + PANEL.left + (maxX === minX ? plotW / 2 : ((Math.log10(persons) - minX) / (maxX - minX)) * plotW);
  const py = (v) => y0 + PANEL.top + plotH - (v / maxY) * plotH;
  const out = [
    `<g class="figure" data-name="${escape(s.name)}" data-growth="${growth(s.points)}">`,
    `<text x="${x0 + PANEL.width / 2}" y="${y0 + 14}" text-anchor="middle" font-weight="bold">${escape(s.name)} (${escape(s.unit)}) — ${growth(s.points)}</text>`,
    `<line x1="${x0 + PANEL.left}" y1="${py(0)}" x2="${x0 + PANEL.left + plotW}" y2="${py(0)}" stroke="#444"/>`,
    `<line x1="${x0 + PANEL.left}" y1="${py(0)}" x2="${x0 + PANEL.left}" y2="${y0 + PANEL.top}" stroke="#444"/>`,
    `<text x="${x0 + PANEL.left - 4}" y="${py(maxY / 1.1) + 3}" text-anchor="end">${fmt(maxY / 1.1)}</text>`,
    `<text x="${x0 + PANEL.left - 4}" y="${py(0) + 3}" text-anchor="end">0</text>`,
  ];
  for (const persons of sizes)
    out.push(`<text x="${px(persons)}" y="${py(0) + 14}" text-anchor="middle">${fmt(persons)}</text>`);
  if (s.budget !== null)
    out.push(
      `<line class="budget" x1="${x0 + PANEL.left}" y1="${py(s.budget)}" x2="${x0 + PANEL.left + plotW}" y2="${py(s.budget)}" stroke="#c00" stroke-dasharray="4 3"/>`,
    );
  if (known.length > 1)
    out.push(
      `<polyline fill="none" stroke="#1565c0" stroke-width="2" points="${known.map((p) => `${px(p.persons).toFixed(1)},${py(p.value).toFixed(1)}`).join(' ')}"/>`,
    );
  for (const p of known)
    out.push(
      `<circle cx="${px(p.persons).toFixed(1)}" cy="${py(p.value).toFixed(1)}" r="3" fill="#1565c0"><title>${fmt(p.persons)} persons: ${fmt(p.value)} ${escape(s.unit)}</title></circle>`,
    );
  out.push('</g>');
  return out.join('\n');
}
