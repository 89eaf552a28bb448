/**
 * Checks that only the end of a transaction can answer: a rule that admits a write on a condition
 * the rest of the same transaction must fulfil (a consent deleted only together with its person)
 * registers it here, and `writeWith` runs every check once the command's work is done, still
 * inside the transaction — a check that throws aborts it, so nothing of it is stored. Every write
 * the rules admit carries a context, and a context is attached only by `writeWith`.
 */
const checks = new WeakMap<object, (() => Promise<void>)[]>();

export function checkAtEnd(idbTransaction: object, check: () => Promise<void>): void {
  let list = checks.get(idbTransaction);
  if (!list) checks.set(idbTransaction, (list = []));
  list.push(check);
}

/** Runs the transaction's end checks in the order registered; the first to throw ends the run. */
export async function runEndChecks(idbTransaction: object): Promise<void> {
  const list = checks.get(idbTransaction);
  checks.delete(idbTransaction);
  for (const check of list ?? []) await check();
}
