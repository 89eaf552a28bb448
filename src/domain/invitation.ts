/**
 * The invitation code that joins a device to a book: its layout and checks, no crypto.
 *
 * A code is `CB1.` and base64url of: version byte, a 16-byte id, the expiry (uint32, seconds since
 * 1970), the 32-byte secret, then the sealed part (AES-GCM nonce and ciphertext of the
 * {@link InvitationContent}, with the first 21 bytes as additional data, so an altered id or expiry
 * does not open). The code holds all a device needs; the server keeps only a record of the id, the
 * expiry and whether it was used — never the secret, so never the book's key.
 */

export const INVITATION_PREFIX = 'CB1.';
const VERSION = 1;
/** Version, id and expiry: authenticated, readable before the secret is used. */
export const INVITATION_HEADER_BYTES = 1 + 16 + 4;
const SECRET_BYTES = 32;
/** AES-GCM's nonce and tag: a sealed part shorter than this is garbled. */
const MIN_SEALED_BYTES = 12 + 16 + 1;
export const INVITATION_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** What the sealed part carries: where the book lives, the account, the book's data key. */
export interface InvitationContent {
  serverUrl: string;
  database: string;
  username: string;
  password: string;
  /** The book's data key, base64. */
  dataKey: string;
}

export interface ParsedInvitation {
  /** Hex, also the server record's id. */
  id: string;
  expiresAt: Date;
  /** The header bytes: the sealed part's additional data. */
  header: Uint8Array;
  secret: Uint8Array;
  sealed: Uint8Array;
}

/** Why a code cannot be used; the messages name each (error.invitation.<problem>). */
export type InvitationProblem = 'garbled' | 'expired' | 'used' | 'unknown';

export class InvalidInvitation extends Error {
  constructor(readonly problem: InvitationProblem) {
    super(`The invitation cannot be used: ${problem}`);
    this.name = 'InvalidInvitation';
  }
}

/** The header of a new invitation: id and expiry. */
export function invitationHeader(id: Uint8Array, expiresAt: Date): Uint8Array {
  if (id.length !== 16) throw new Error('An invitation id has 16 bytes');
  const header = new Uint8Array(INVITATION_HEADER_BYTES);
  header[0] = VERSION;
  header.set(id, 1);
  new DataView(header.buffer).setUint32(17, Math.floor(expiresAt.getTime() / 1000));
  return header;
}

export function formatInvitation(header: Uint8Array, secret: Uint8Array, sealed: Uint8Array): string {
  if (secret.length !== SECRET_BYTES) throw new Error('An invitation secret has 32 bytes');
  const bytes = new Uint8Array(header.length + secret.length + sealed.length);
  bytes.set(header);
  bytes.set(secret, header.length);
  bytes.set(sealed, header.length + secret.length);
  return INVITATION_PREFIX + toBase64Url(bytes);
}

/**
 * Reads a pasted or scanned code (white space and line breaks are ignored). Throws
 * {@link InvalidInvitation} 'garbled' when it is not one, 'expired' when its time has run out.
 */
export function parseInvitation(text: string, now = new Date()): ParsedInvitation {
  const code = text.replace(/\s+/g, '');
  if (!code.startsWith(INVITATION_PREFIX)) throw new InvalidInvitation('garbled');
  const bytes = fromBase64Url(code.slice(INVITATION_PREFIX.length));
  const sealedAt = INVITATION_HEADER_BYTES + SECRET_BYTES;
  if (!bytes || bytes[0] !== VERSION || bytes.length < sealedAt + MIN_SEALED_BYTES)
    throw new InvalidInvitation('garbled');
  const header = bytes.slice(0, INVITATION_HEADER_BYTES);
  const expiresAt = new Date(new DataView(header.buffer).getUint32(17) * 1000);
  if (expiresAt.getTime() <= now.getTime()) throw new InvalidInvitation('expired');
  return {
    id: toHex(header.subarray(1, 17)),
    expiresAt,
    header,
    secret: bytes.slice(INVITATION_HEADER_BYTES, sealedAt),
    sealed: bytes.slice(sealedAt),
  };
}

/** The opened sealed part, checked field by field: a wrong shape counts as garbled. */
export function invitationContentOf(value: unknown): InvitationContent {
  if (typeof value !== 'object' || value === null) throw new InvalidInvitation('garbled');
  const v = value as Record<string, unknown>;
  const fields = ['serverUrl', 'database', 'username', 'password', 'dataKey'] as const;
  if (!fields.every((f) => typeof v[f] === 'string' && v[f] !== '')) throw new InvalidInvitation('garbled');
  const content = Object.fromEntries(fields.map((f) => [f, v[f]])) as unknown as InvitationContent;
  if (!/^https?:\/\//.test(content.serverUrl)) throw new InvalidInvitation('garbled');
  return content;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
