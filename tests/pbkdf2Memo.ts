/**
 * Unit tests only (tests/setup.ts installs it): PBKDF2's result remembered per input — passphrase,
 * salt, iterations, hash and length — for the rest of the run (the unit tests' files share one
 * module graph, vitest.config.ts; a file run isolated has its own). Why: at 600,000 iterations a
 * derivation costs 0.3–0.5 s of CPU, and the unit tests asked for about 400 of them, a fifth of
 * them repeats (the same user signing in again), most of the rest one per freshDb (see its shared
 * salt in tests/unit/helpers.ts) — the largest single cost of `npm run test:unit`.
 *
 * A memo, not a shortcut: the first derivation of any input is WebCrypto's real one, at the
 * iteration count the code asked for, and a repeat gets the very bits it gave; a wrong passphrase,
 * another salt or another count is another input and derived anew. The app's code and its
 * PBKDF2_ITERATIONS are untouched. Tests about the derivation itself (iteration counts, wrong
 * passphrases, salts, verifiers, key wrapping) call realPbkdf2() and derive every time.
 */
import { afterEach, beforeEach } from 'vitest';

const subtle = globalThis.crypto.subtle;
const importKey = subtle.importKey.bind(subtle);
const deriveBits = subtle.deriveBits.bind(subtle);
const deriveKey = subtle.deriveKey.bind(subtle);

/** The passphrase bytes behind each imported PBKDF2 key (not extractable, so kept here). */
const material = new WeakMap<CryptoKey, Uint8Array<ArrayBuffer>>();
const memo = new Map<string, Promise<ArrayBuffer>>();
let realInFile = false;
let realInTest = false;
let inTest = false;

/** How many PBKDF2 derivations ran, and how many repeats the memo answered (the run so far). */
export const pbkdf2Counts = { derived: 0, remembered: 0 };

/**
 * Every PBKDF2 derivation runs in full: for the rest of the running test, or, called outside a
 * test (a file's top level), for the whole file.
 */
export function realPbkdf2(): void {
  if (inTest) realInTest = true;
  else realInFile = true;
}

/**
 * Called by tests/setup.ts at the start of every test file: the unit tests share one module graph
 * (vitest.config.ts, `isolate: false`), so this module runs once, and a file's hooks and its
 * "real for the whole file" must be set up by each file anew. The remembered bits stay for the run.
 */
export function pbkdf2MemoForFile(): void {
  realInFile = false;
  inTest = false;
  realInTest = false;
  beforeEach(() => {
    inTest = true;
    realInTest = false;
  });
  afterEach(() => {
    inTest = false;
    realInTest = false;
  });
}

const bytesOf = (data: BufferSource): Uint8Array<ArrayBuffer> =>
  ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
    : new Uint8Array(data).slice();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const nameOf = (a: AlgorithmIdentifier | undefined) => (typeof a === 'string' ? a : a?.name)?.toUpperCase();

/** The remembered (or first) bits, when the memo applies to this call; undefined when it does not. */
function remembered(
  algorithm: AlgorithmIdentifier,
  key: CryptoKey,
  length: number,
  usage: KeyUsage,
): Promise<ArrayBuffer> | undefined {
  const passphrase = material.get(key);
  // A key without the usage asked for is WebCrypto's to refuse.
  if (realInFile || realInTest || !passphrase || nameOf(algorithm) !== 'PBKDF2' || !key.usages.includes(usage))
    return undefined;
  const { salt, iterations, hash } = algorithm as Pbkdf2Params;
  const id = [hex(passphrase), hex(bytesOf(salt)), iterations, nameOf(hash), length].join(' ');
  let bits = memo.get(id);
  if (bits) pbkdf2Counts.remembered++;
  else {
    pbkdf2Counts.derived++;
    // The bits under the same passphrase, whichever of deriveBits and deriveKey asked first.
    bits = importKey('raw', passphrase, 'PBKDF2', false, ['deriveBits']).then((k) => deriveBits(algorithm, k, length));
    // A failed derivation is not remembered: the next call meets the same error itself.
    bits.catch(() => memo.delete(id));
    memo.set(id, bits);
  }
  return bits.then((b) => b.slice(0));
}

subtle.importKey = (async (
  format: KeyFormat,
  keyData: BufferSource | JsonWebKey,
  algorithm: AlgorithmIdentifier,
  extractable: boolean,
  usages: KeyUsage[],
) => {
  const key = await (importKey as (...a: unknown[]) => Promise<CryptoKey>)(
    format,
    keyData,
    algorithm,
    extractable,
    usages,
  );
  if (format === 'raw' && nameOf(algorithm) === 'PBKDF2') material.set(key, bytesOf(keyData as BufferSource));
  return key;
}) as typeof subtle.importKey;

/** A derivation the memo does not answer, counted when it is PBKDF2's. */
function unremembered<T>(algorithm: AlgorithmIdentifier, derive: () => Promise<T>): Promise<T> {
  if (nameOf(algorithm) === 'PBKDF2') pbkdf2Counts.derived++;
  return derive();
}

subtle.deriveBits = (algorithm: AlgorithmIdentifier, key: CryptoKey, length: number) =>
  remembered(algorithm, key, length, 'deriveBits') ?? unremembered(algorithm, () => deriveBits(algorithm, key, length));

// deriveKey from PBKDF2 is its bits imported as the key asked for (the backup's AES key).
subtle.deriveKey = (async (
  algorithm: AlgorithmIdentifier,
  key: CryptoKey,
  derivedKeyType: AesKeyGenParams,
  extractable: boolean,
  usages: KeyUsage[],
) => {
  const bits =
    typeof derivedKeyType.length === 'number'
      ? remembered(algorithm, key, derivedKeyType.length, 'deriveKey')
      : undefined;
  if (!bits) return unremembered(algorithm, () => deriveKey(algorithm, key, derivedKeyType, extractable, usages));
  return importKey('raw', await bits, derivedKeyType, extractable, usages);
}) as typeof subtle.deriveKey;
