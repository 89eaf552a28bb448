/**
 * Lets the page paint and handle input between the steps of a long job (an import's sealing, an
 * export's formatting). A message, not `setTimeout(0)`: timers in a background tab run at most
 * once a second, which would stretch a job of a thousand steps into minutes.
 *
 * Never between the writes of one transaction: IndexedDB commits a transaction that has no
 * request pending when a task ends.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * `step` for each index below `count`, `perTask` a task, the page getting a turn before each
 * (the long loops of a directory build: 100,000 steps of a few µs are a long task at once).
 */
export async function forEachInTurns(count: number, perTask: number, step: (i: number) => void): Promise<void> {
  for (let from = 0; from < count; from += perTask) {
    await nextTask();
    const to = Math.min(from + perTask, count);
    for (let i = from; i < to; i++) step(i);
  }
}

/** How long an idle slice may work at most, even when the browser offers more (a save's answer may arrive meanwhile). */
const IDLE_SLICE_MS = 1;

/**
 * Waits for idle time, for background work the user does not wait for (the directory's stored
 * snapshot): resolves with a function telling whether the slice still has time. After `timeoutMs`
 * without idle time it runs anyway. Without requestIdleCallback (tests, Safari): a task.
 */
export async function nextIdle(timeoutMs = 1_000): Promise<() => boolean> {
  if (typeof requestIdleCallback === 'undefined') return nextSlice(IDLE_SLICE_MS);
  return new Promise((resolve) =>
    requestIdleCallback(
      (deadline) => {
        const start = performance.now();
        resolve(() => deadline.timeRemaining() > 0 && performance.now() - start < IDLE_SLICE_MS);
      },
      { timeout: timeoutMs },
    ),
  );
}

/** How long a task of work the user waits for may run before the page gets a turn. */
const TASK_SLICE_MS = 8;

/**
 * Like nextIdle, for work the user waits for (a first build's snapshot): a task, which always
 * comes — idle time may not come for minutes in a busy page.
 */
export async function nextSlice(sliceMs = TASK_SLICE_MS): Promise<() => boolean> {
  await nextTask();
  const start = performance.now();
  return () => performance.now() - start < sliceMs;
}
