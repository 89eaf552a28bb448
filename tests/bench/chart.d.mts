/** Types of chart.mjs, for the unit test. */
export interface Series {
  name: string;
  unit: string;
  budget: number | null;
  points: { persons: number; value: number | null }[];
}
export function growth(points: Series['points']): 'flat' | 'sublinear' | 'linear' | 'unknown';
export function growthChart(series: Series[], options?: { title?: string }): string;
