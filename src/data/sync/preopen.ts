/**
 * The native crypto of a batch of incoming documents, done before their checks: each body's
 * SHA-256 and, for bodies sealed for the journey (audit segments, users, settings …), their
 * opening — with WebCrypto, all of a batch's at once, where the checks (check.ts) would run the
 * synchronous JavaScript cipher one document after another (a big book's pull: tens of megabytes of
 * audit segments, several times slower in JavaScript). Nothing is decided here: the checks compare
 * the hash and read the opened bytes as they would their own, and a body that does not open here
 * is opened by them again (and refused there, with their reason). Results are kept per document
 * object, so a document replaced before its check (another leaf of a conflict) is checked the slow way.
 */
import type { Keyring } from '../core/crypto/keyring';
import { openAsync } from '../core/crypto/seal';
import { bodyOf, isStoredSealed, parseDocId, transportAad, type SyncDoc } from './docs';

export interface Prepared {
  body: Uint8Array;
  /** SHA-256 of the body, hex. */
  hash: string;
  /** The body opened with the record key (sealed for the journey only), when it opened. */
  opened?: Uint8Array;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

export class PreparedDocs {
  private readonly ready = new WeakMap<SyncDoc, Prepared>();

  get(doc: SyncDoc): Prepared | undefined {
    return this.ready.get(doc);
  }

  /** Hashes and opens the bodies of `docs` (in parallel; WebCrypto runs off the main thread). */
  async prepare(keyring: Keyring, docs: readonly SyncDoc[]): Promise<void> {
    if (!keyring.unlocked) return; // The checks refuse on their own then.
    const recordKey = await crypto.subtle.importKey(
      'raw',
      keyring.recordKey() as Uint8Array<ArrayBuffer>,
      'AES-GCM',
      false,
      ['decrypt'],
    );
    await Promise.all(
      docs.map(async (doc) => {
        const body = doc.deleted ? undefined : bodyOf(doc);
        if (!body) return;
        const transport = !isStoredSealed(parseDocId(doc._id).table);
        const [digest, opened] = await Promise.all([
          crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>),
          transport ? openAsync(recordKey, body, transportAad(doc._id)).catch(() => undefined) : undefined,
        ]);
        this.ready.set(doc, { body, hash: hex(digest), opened });
      }),
    );
  }
}
