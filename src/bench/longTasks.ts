/**
 * The longest main-thread task while something runs: Chromium reports every task over 50 ms to a
 * PerformanceObserver of type `longtask`; a phase's figure is the longest one that overlaps it.
 */
const tasks: { start: number; end: number }[] = [];
const longest: Record<string, number> = {};

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) tasks.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ type: 'longtask', buffered: true });

/** Runs `work` and keeps the longest task that overlapped it under `phase` (the longest over repeats). */
export async function watchLongTasks<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    const t1 = performance.now();
    // Entries are delivered after the task: give the observer a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const overlapping = tasks.filter((t) => t.end > t0 && t.start < t1).map((t) => t.end - t.start);
    longest[phase] = Math.max(longest[phase] ?? 0, 0, ...overlapping);
  }
}

/** Phase → the longest task in milliseconds (0: none over 50 ms). */
export function longestTasks(): Record<string, number> {
  return Object.fromEntries(Object.entries(longest).map(([k, v]) => [k, Math.round(v)]));
}
