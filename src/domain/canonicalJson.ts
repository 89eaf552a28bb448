import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * A value as JSON with every object's keys in sorted order, at every depth, and bytes as hex: the
 * same text for the same value however it was built, stored or sent (a keyed tag is made over it).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $hex: bytesToHex(value) };
  if (Array.isArray(value)) return value.map(sorted);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
  return out;
}
