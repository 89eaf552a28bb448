/**
 * What is wrong with a record as stored — one check for a write on this device (the data layer's
 * rules refuse it with the message key) and for the same record arriving by sync (sync/check.ts
 * refuses it with the reason, into the quarantine). The reason is English and names the field or entry.
 */
export interface RecordProblem {
  messageKey: `error.${string}` | `evidence.${string}`;
  reason: string;
  params?: Record<string, string | number>;
}

/** An object with fields (not null, not a list). */
export const isFields = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export const isText = (x: unknown): x is string => typeof x === 'string';

export const isWhole = (x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): x is number =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

export const isTextList = (x: unknown): x is string[] => Array.isArray(x) && x.every(isText);

/** A record's own entry under `key` (never one of Object's: a key named "constructor" is just not there). */
export const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
