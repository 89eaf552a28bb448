/**
 * A replicated record's version clock (a version vector): for each device, the latest of its
 * versions of the record in the history of this one, numbered by a count that only grows. The MAC
 * covers a document's clock, so a server cannot change it; what it can do is hand out an older
 * version again as a new revision — a consent before its withdrawal, a person before a correction.
 * Its clock is then covered by the clock of the version a device holds (or of another leaf), which
 * tells it from a change made elsewhere at the same time (neither clock covers the other), a lock
 * made offline over a newer edit included.
 */
export type VersionClock = Readonly<Record<string, number>>;

/** At most this many devices in one clock: a record is written by a team's devices, not thousands. */
const MAX_DEVICES = 1000;

/** Whether `value` is a clock: device ids mapped to positive whole counts. */
export function isVersionClock(value: unknown): value is VersionClock {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= MAX_DEVICES && entries.every(([, n]) => Number.isSafeInteger(n) && (n as number) > 0);
}

/** `value` if it is a clock (one read from a replica the server wrote may be anything). */
export function clockOr(value: unknown): VersionClock | undefined {
  return isVersionClock(value) ? value : undefined;
}

/** Every device's count the greater of both: what a device knows once it holds both versions. */
export function mergedClock(a: VersionClock | undefined, b: VersionClock | undefined): VersionClock {
  const out: Record<string, number> = { ...a };
  for (const [device, n] of Object.entries(b ?? {})) out[device] = Math.max(out[device] ?? 0, n);
  return out;
}

/**
 * The clock of the version `device` writes over the one it holds: its own entry one up, or
 * `count` (the device's own running count of versions) where that is greater.
 */
export function nextClock(held: VersionClock | undefined, device: string, count = 0): VersionClock {
  return { ...held, [device]: Math.max((held?.[device] ?? 0) + 1, count) };
}

/** Whether every count of `a` is reached by `b`: `a` is `b`'s version or one before it. */
export function coveredBy(a: VersionClock, b: VersionClock): boolean {
  return Object.entries(a).every(([device, n]) => n <= (b[device] ?? 0));
}
