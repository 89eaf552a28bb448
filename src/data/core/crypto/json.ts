/** JSON that keeps bytes: Uint8Array ↔ {"$bytes": base64}. Sealed records and backups both need it. */
import { fromBase64, toBase64 } from './passphrase';

export function bytesReplacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $bytes: toBase64(value) } : value;
}

export function bytesReviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$bytes' in value && Object.keys(value).length === 1) {
    const { $bytes } = value;
    if (typeof $bytes === 'string') return fromBase64($bytes);
  }
  return value;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value, bytesReplacer));
}

/** The value the bytes hold, as parsed: its type is the caller's to know (it sealed or stored it). */
export function fromJsonBytes(bytes: Uint8Array): unknown {
  const text = decoder.decode(bytes);
  // A reviver is called for every value (JSON.parse's slow path): only a text that may hold bytes
  // gets it — "$bytes" written as toJsonBytes writes it, or with an escape inside ("\u0024bytes").
  return text.includes('$bytes') || text.includes('\\u') ? JSON.parse(text, bytesReviver) : JSON.parse(text);
}
