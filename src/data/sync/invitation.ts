/**
 * Invitations: how an administrator adds a device to a synchronised book (issue 19, item 4).
 *
 * The code (domain/invitation.ts) carries the server address, the account and the book's data
 * key, sealed (AES-GCM) under a random secret that is part of the code itself. The server gets a
 * record of the invitation only — its id, expiry and whether it was used, no key, no secret — in
 * the book's database, so it replicates like the book. Joining claims that record with CouchDB's
 * revision check: of two devices using one code, only the first gets in.
 */
import {
  formatInvitation,
  InvalidInvitation,
  invitationContentOf,
  invitationHeader,
  INVITATION_VALIDITY_MS,
  parseInvitation,
  type InvitationContent,
  type InvitationProblem,
} from '../../domain/invitation';
import { RuleError } from '../core/errors';
import { fromBase64, toBase64 } from '../core/crypto/passphrase';
import type { Session } from '../core/session';
import type { SyncConfig } from './types';

/** The server's record of an invitation: a plain CouchDB document, nothing secret in it. */
export interface InvitationRecord {
  type: 'invitation';
  expiresAt: string;
  used: boolean;
  usedAt?: string;
  /** The server account writing it (the server's rules refuse any other: rules.ts). */
  account: string;
}

export const invitationDocId = (id: string) => `invitation:${id}`;

/** A code that cannot be used, naming why: garbled, expired, used or unknown to the server. */
export class InvitationError extends RuleError {
  constructor(readonly problem: InvitationProblem) {
    super(`error.invitation.${problem}`, `The invitation cannot be used: ${problem}`);
    this.name = 'InvitationError';
  }
}

/** The server could not be reached or refused the account: named, since the code may still be good. */
export class InvitationServerError extends RuleError {
  /**
   * `claimUnknown`: the claim was sent and no answer came (offline, the server failing) — whether
   * the server recorded it is unknown, as when the user stops the join then (join.ts).
   */
  constructor(
    readonly reason: 'offline' | 'refused' | 'status' | 'claimUnknown',
    status = 0,
  ) {
    super(`error.invitation.server.${reason}`, `The sync server cannot take the invitation: ${reason} ${status}`, {
      status,
    });
    this.name = 'InvitationServerError';
  }
}

/**
 * Writes a new invitation for the book connected with `config`: its record on the server, then
 * the code. Administrators only; `dataKey` is the book's key, sealed into the code and nowhere else.
 */
export async function createInvitation(
  session: Session,
  config: SyncConfig,
  dataKey: Uint8Array,
  now = new Date(),
): Promise<{ code: string; expiresAt: string }> {
  if (!session.isAdmin) throw new RuleError('error.invitation.adminOnly', 'Only an administrator can add a device');
  const { code, docId, record } = await sealInvitation(config, dataKey, now);
  await request(config, 'PUT', docId, record);
  return { code, expiresAt: record.expiresAt };
}

/** A new invitation's code and the server's record of it; nothing is written (tests use it too). */
export async function sealInvitation(
  config: SyncConfig,
  dataKey: Uint8Array,
  now = new Date(),
): Promise<{ code: string; docId: string; record: InvitationRecord }> {
  const id = crypto.getRandomValues(new Uint8Array(16));
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
  const header = invitationHeader(id, expiresAt);
  const content: InvitationContent = { ...config, dataKey: toBase64(dataKey) };
  const sealed = await sealContent(secret, header, content);
  const code = formatInvitation(header, secret, sealed);
  const { id: hexId } = parseInvitation(code, now);
  const record: InvitationRecord = {
    type: 'invitation',
    expiresAt: expiresAt.toISOString(),
    used: false,
    account: config.username,
  };
  return { code, docId: invitationDocId(hexId), record };
}

/** What a joining device gets from a good code: where the book is and its key. */
export interface OpenedInvitation {
  config: SyncConfig;
  dataKey: Uint8Array;
}

/**
 * Opens a code and claims it on the server (once: a second claim is refused as used). Throws
 * {@link InvitationError} naming the problem, or {@link InvitationServerError}. Aborting `signal`
 * stops the requests (rejecting with its reason); `onClaim` is called as the claim is sent — aborted
 * before it, the code is still unused.
 */
export async function redeemInvitation(
  code: string,
  now = new Date(),
  { signal, onClaim }: { signal?: AbortSignal; onClaim?: () => void } = {},
): Promise<OpenedInvitation> {
  const parsed = guard(() => parseInvitation(code, now));
  const content = await openContent(parsed.secret, parsed.header, parsed.sealed);
  const { dataKey, ...config } = content;
  const docId = invitationDocId(parsed.id);
  const found = await request(config, 'GET', docId, undefined, signal);
  if (found === null) throw new InvitationError('unknown');
  const record = found as unknown as InvitationRecord & { _rev: string };
  if (record.used) throw new InvitationError('used');
  if (Date.parse(record.expiresAt) <= now.getTime()) throw new InvitationError('expired');
  const claimed = { ...record, used: true, usedAt: now.toISOString(), account: config.username };
  signal?.throwIfAborted();
  onClaim?.();
  if ((await request(config, 'PUT', docId, claimed, signal)) === null) throw new InvitationError('used');
  return { config, dataKey: fromBase64(dataKey) };
}

async function sealContent(secret: Uint8Array, header: Uint8Array, content: InvitationContent): Promise<Uint8Array> {
  const key = await aesKey(secret);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(content));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bytes(header) }, key, plain);
  const sealed = new Uint8Array(12 + ciphertext.byteLength);
  sealed.set(iv);
  sealed.set(new Uint8Array(ciphertext), 12);
  return sealed;
}

/** A sealed part that does not open (a changed character, a wrong secret) is a garbled code. */
async function openContent(secret: Uint8Array, header: Uint8Array, sealed: Uint8Array): Promise<InvitationContent> {
  try {
    const key = await aesKey(secret);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(sealed.subarray(0, 12)), additionalData: bytes(header) },
      key,
      bytes(sealed.subarray(12)),
    );
    return invitationContentOf(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    throw new InvitationError('garbled');
  }
}

function aesKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes(secret), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

const bytes = (b: Uint8Array) => new Uint8Array(b);

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof InvalidInvitation) throw new InvitationError(e.problem);
    throw e;
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One request to the book's database. Resolves with the document (GET) or the answer (PUT);
 * null for a missing document (404) or a revision conflict (409). Aborted by `signal`: its reason.
 */
async function request(
  config: SyncConfig,
  method: 'GET' | 'PUT',
  docId: string,
  body?: object,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | null> {
  // A poor connection must not leave the join waiting for ever; the user can stop it sooner.
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const url = `${config.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.database)}/${encodeURIComponent(docId)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: `Basic ${btoa(`${config.username}:${config.password}`)}`,
      },
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch {
    signal?.throwIfAborted();
    throw new InvitationServerError('offline');
  }
  if (response.status === 404 || response.status === 409) return null;
  if (response.status === 401 || response.status === 403) throw new InvitationServerError('refused', response.status);
  if (!response.ok) throw new InvitationServerError('status', response.status);
  return (await response.json()) as Record<string, unknown>;
}
