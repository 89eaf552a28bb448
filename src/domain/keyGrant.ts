/**
 * Key grants (issue 20, item 1): the book's key of one epoch, sealed to one member's public key.
 * One record per member and epoch, replicated and never changed; a new epoch (a member removed)
 * writes a grant for each remaining member. Adding a member or a device only adds a grant: no
 * record is sealed again.
 */
import type { RecordProblem } from './recordProblem';
export interface KeyGrant {
  /** `${epoch}:${userId}:${keyId}` */
  id: string;
  epoch: number;
  userId: string;
  /** Names the member's public key it is sealed to (a new key pair needs a new grant). */
  keyId: string;
  /** The sender's one-time ECDH public key (SPKI, base64). */
  ephemeralKey: string;
  /** AES-GCM nonce and ciphertext (base64) of the grant's content. */
  iv: string;
  data: string;
  grantedBy: string;
  at: string;
}

/** What a grant carries, opened by its member only. */
export interface GrantContent {
  epoch: number;
  /** Every epoch's key up to this one (base64 by epoch): older documents stay readable. */
  epochKeys: Record<string, string>;
  /** The book's data key (base64): records are sealed under it and are not sealed again. */
  dataKey: string;
  /** The member's own account on the sync server, when one was made for them. */
  account?: { username: string; password: string };
}

export const keyGrantId = (epoch: number, userId: string, keyId: string): string => `${epoch}:${userId}:${keyId}`;

/** The fields every grant carries, as text (the wrap base64, `at` an ISO time). */
const GRANT_TEXT = ['userId', 'keyId', 'ephemeralKey', 'iv', 'data', 'grantedBy', 'at'] as const;

/**
 * What is wrong with a key grant as stored: its epoch a whole number from 1, its fields text, and
 * its id the one its epoch, member and key pair give — a grant stored under another id would
 * stand, for whoever looks it up, for another member's or epoch's. One check for the rule
 * (rules/keyGrants.ts) and for a grant arriving by sync (sync/check.ts).
 */
export function keyGrantProblem(grant: Record<string, unknown>): RecordProblem | undefined {
  const problem = (reason: string): RecordProblem => ({ messageKey: 'error.keyGrantMalformed', reason });
  if (typeof grant.epoch !== 'number' || !Number.isInteger(grant.epoch) || grant.epoch < 1)
    return problem('its epoch is not a whole number from 1');
  const missing = GRANT_TEXT.find((field) => typeof grant[field] !== 'string' || grant[field] === '');
  if (missing) return problem(`its ${missing} is not a text`);
  if (grant.id !== keyGrantId(grant.epoch, grant.userId as string, grant.keyId as string))
    return problem('its id is not the one its epoch, member and key pair give');
  return undefined;
}
