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
