/**
 * A Dexie record as a CouchDB document and back. The plain part holds only what the server needs
 * to route and store: the id (table and the record's random key; an audit segment: device and the
 * seq of its first entry in that device's chain, the last one's in the plain part), the type, the
 * plain index fields the record already has in IndexedDB (ids, kinds, flags, dates, statuses),
 * author, device and key epoch. The body is
 * sealed: records sealed at rest travel as stored (their own ciphertext, whose additional data
 * covers the plain fields); users, groups, purposes, settings and audit entries — plain or partly
 * plain on the device — are sealed whole under the record key for the journey, so the server never
 * sees a name, a passphrase verifier or a wrapped key. Evidence files and attachments travel as a
 * CouchDB attachment holding their sealed bytes. A MAC under a key derived from the book's key
 * covers the envelope, so the server cannot change author, device, type, body or version clock
 * unnoticed; the clock (domain/versionClock.ts) tells an older version handed out again from a new one.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Doc } from 'pouchdb-core';
import { fromBase64, toBase64 } from '../core/crypto/passphrase';
import { fromJsonBytes, toJsonBytes } from '../core/crypto/json';
import type { Keyring } from '../core/crypto/keyring';
import { aadOf, open, sealDeterministic } from '../core/crypto/seal';
import { SEALED_TABLES } from '../middleware/sealing';
import type { VersionClock } from '../../domain/versionClock';

export interface SyncDoc extends Doc {
  type: string;
  plain: Record<string, unknown>;
  author: string;
  device: string;
  /**
   * The server account that wrote it: the server's rules (rules.ts) refuse a document whose
   * account is not the authenticated user. Covered by the MAC when present.
   */
  account?: string;
  /** Names the book's key the body is sealed under (keyring.keyId). */
  epoch: string;
  /** SHA-256 of the sealed body (hex): compares versions without the bytes. */
  bodyHash: string;
  /** Base64 of the sealed body; files carry it as the attachment `body` instead. */
  body?: string;
  /** Persons: their key secret, sealed under the record key (it travels with the person). */
  key?: string;
  /** The record was deleted (a person: erased) — an authenticated tombstone, not a CouchDB delete. */
  deleted?: true;
  /**
   * A record's version clock (domain/versionClock.ts), covered by the MAC; audit segments and
   * checkpoints, never changed, and documents from before clocks carry none.
   */
  clock?: VersionClock;
  mac: string;
}

/** A document as read from the replica: it has its revision. */
export type StoredDoc = SyncDoc & { _rev: string };

export const ATTACHED_TABLES: readonly string[] = ['files'];

export function docIdOf(table: string, key: unknown): string {
  return `${table}:${String(key)}`;
}

/** A segment of a device's audit chain is named by its chain and its first entry's seq. */
export function auditDocId(device: string, seq: number): string {
  return `auditLog:${device}:${seq}`;
}

/**
 * Audit entries travel as sealed segments: runs of up to this many consecutive entries of one
 * device's chain, each written once (the server's rules refuse any change). A save's entries go
 * as a segment of their own when pumped, a first push's as a few hundred segments.
 */
export const SEGMENT_ENTRIES = 200;

/** The table and the record's key a document id names (an audit entry: device and chain seq). */
export function parseDocId(id: string): { table: string; key: string } {
  const at = id.indexOf(':');
  return { table: id.slice(0, at), key: id.slice(at + 1) };
}

export function isStoredSealed(table: string): boolean {
  return table in SEALED_TABLES;
}

function syncKey(keyring: Keyring): Uint8Array {
  return keyring.dataKeyDerived('consentbook sync envelope');
}

function envelope(doc: SyncDoc): string {
  const { _id, type, plain, author, device, epoch, bodyHash, key, deleted, account, clock } = doc;
  const fields = [_id, type, plain, author, device, epoch, bodyHash, key ?? '', !!deleted];
  // Documents from before accounts and clocks keep their MAC: each is added only where present.
  const tail = clock ? [account ?? null, clock] : account === undefined ? [] : [account];
  return JSON.stringify([...fields, ...tail], (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function macOf(keyring: Keyring, doc: SyncDoc): string {
  return bytesToHex(hmac(sha256, syncKey(keyring), utf8ToBytes(envelope(doc))));
}

/** Whether a document is this book's (its key's id) and its envelope as a member made it (its MAC). */
export function isAuthentic(keyring: Keyring, doc: SyncDoc): boolean {
  return doc.epoch === keyring.keyId() && typeof doc.mac === 'string' && doc.mac === macOf(keyring, doc);
}

/** Seals a whole record for the journey (tables kept plain or partly plain on the device); the same record, the same bytes. */
export function sealForTransport(keyring: Keyring, docId: string, record: unknown): Uint8Array {
  return sealDeterministic(keyring.recordKey(), toJsonBytes(record), transportAad(docId));
}

export function openFromTransport(keyring: Keyring, docId: string, sealed: Uint8Array): unknown {
  return fromJsonBytes(open(keyring.recordKey(), sealed, transportAad(docId)));
}

/** The additional data of a body sealed for the journey: its document's id. */
export function transportAad(docId: string): Uint8Array {
  return aadOf('sync', docId);
}

/**
 * A person's secret for the journey: sealed under the current key epoch's key, prefixed with the
 * epoch (`3.<base64>`), so a member removed before that epoch cannot open it; before the book's
 * first epoch, unprefixed under the record key.
 */
export function sealPersonSecret(keyring: Keyring, personId: string, secret: Uint8Array): string {
  const epoch = keyring.epoch;
  const key = epoch > 0 ? keyring.secretWrapKey(epoch) : undefined;
  if (!key) return toBase64(sealDeterministic(keyring.recordKey(), secret, aadOf('personKeys', personId)));
  return `${epoch}.${toBase64(sealDeterministic(key, secret, aadOf('personKeys', `${personId}@${epoch}`)))}`;
}

/** A secret sealed under a key epoch this device was not granted (yet). */
export class EpochNotHeld extends Error {
  constructor(readonly epoch: number) {
    super(`The key epoch ${epoch} is not held here`);
    this.name = 'EpochNotHeld';
  }
}

export function openPersonSecret(keyring: Keyring, personId: string, sealed: string): Uint8Array {
  const dot = sealed.indexOf('.');
  if (dot < 0) return open(keyring.recordKey(), fromBase64(sealed), aadOf('personKeys', personId));
  const epoch = Number(sealed.slice(0, dot));
  const key = keyring.secretWrapKey(epoch);
  if (!key) throw new EpochNotHeld(epoch);
  return open(key, fromBase64(sealed.slice(dot + 1)), aadOf('personKeys', `${personId}@${epoch}`));
}

export interface Envelope {
  id: string;
  table: string;
  author: string;
  device: string;
  /** The server account this device writes with. */
  account?: string;
  /** A record's version clock (none for audit segments). */
  clock?: VersionClock;
}

function baseOf(keyring: Keyring, env: Envelope) {
  return {
    _id: env.id,
    type: env.table,
    author: env.author,
    device: env.device,
    ...(env.account === undefined ? {} : { account: env.account }),
    ...(env.clock && { clock: env.clock }),
    epoch: keyring.keyId(),
  };
}

/**
 * A segment of this device's audit chain (consecutive entries, `env.id` naming the first): sealed
 * whole; the plain part holds the last entry's seq, so the segment's range is known unopened.
 */
export function toSegmentDoc(keyring: Keyring, env: Envelope, entries: readonly { seq: number }[]): SyncDoc {
  const body = sealForTransport(keyring, env.id, entries);
  const plain = { last: entries[entries.length - 1].seq };
  const doc: SyncDoc = {
    ...baseOf(keyring, env),
    plain,
    bodyHash: bytesToHex(sha256(body)),
    body: toBase64(body),
    mac: '',
  };
  return withMac(keyring, doc);
}

/** A document for a record as stored (`stored`: undefined when it was deleted). */
export function toDoc(
  keyring: Keyring,
  env: Envelope,
  stored: Record<string, unknown> | undefined,
  personSecret?: Uint8Array,
): SyncDoc {
  const base = baseOf(keyring, env);
  if (!stored) return withMac(keyring, { ...base, plain: {}, bodyHash: '', deleted: true, mac: '' });
  let plain: Record<string, unknown> = {};
  let body: Uint8Array;
  if (isStoredSealed(env.table) && stored.sealed instanceof Uint8Array) {
    const { sealed, ...rest } = stored;
    plain = rest;
    body = sealed;
  } else {
    body = sealForTransport(keyring, env.id, stored);
  }
  const doc: SyncDoc = { ...base, plain, bodyHash: bytesToHex(sha256(body)), mac: '' };
  if (personSecret) doc.key = sealPersonSecret(keyring, String(stored.id), personSecret);
  const data = toBase64(body);
  if (ATTACHED_TABLES.includes(env.table))
    doc._attachments = { body: { content_type: 'application/octet-stream', data } };
  else doc.body = data;
  return withMac(keyring, doc);
}

function withMac(keyring: Keyring, doc: SyncDoc): SyncDoc {
  return { ...doc, mac: macOf(keyring, doc) };
}

/** The sealed body's bytes, inline or attached. */
export function bodyOf(doc: SyncDoc): Uint8Array | undefined {
  const attached = doc._attachments?.body as { data?: string } | undefined;
  const data = doc.body ?? attached?.data;
  return typeof data === 'string' ? fromBase64(data) : undefined;
}

export function hashOf(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The person a document is of (a person, their erasure, a record of theirs), if any. */
export function personOfDoc(doc: StoredDoc): string | undefined {
  const { table, key } = parseDocId(doc._id);
  if (table === 'persons' || table === 'erasures') return key;
  // The server's own documents (its rules, an invitation) have no plain part.
  const plain = doc.plain as Record<string, unknown> | undefined;
  return typeof plain?.personId === 'string' ? plain.personId : undefined;
}
