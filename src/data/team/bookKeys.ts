/**
 * The book's keys as one byte string, for an invitation (sync/invitation.ts seals it under the
 * code's secret): the data key (32 bytes), then each epoch as a 4-byte number and its 32-byte key.
 * A bare data key (an invitation from before key epochs) is the same format with no epoch.
 */
import type { Keyring } from '../core/crypto/keyring';

const KEY = 32;

export function bookKeyBundle(keyring: Keyring): Uint8Array {
  const epochs = keyring.epochKeyList();
  const out = new Uint8Array(KEY + epochs.length * (4 + KEY));
  out.set(keyring.requireDataKey());
  epochs.forEach(([epoch, key], i) => {
    const at = KEY + i * (4 + KEY);
    new DataView(out.buffer).setUint32(at, epoch);
    out.set(key, at + 4);
  });
  return out;
}

/** Opens the keyring with a bundle (its data key and every epoch in it). */
export function unlockWithBundle(keyring: Keyring, bundle: Uint8Array): void {
  if (bundle.length < KEY || (bundle.length - KEY) % (4 + KEY) !== 0) throw new Error('Not a book key');
  keyring.unlock(bundle.subarray(0, KEY));
  const view = new DataView(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  for (let at = KEY; at < bundle.length; at += 4 + KEY)
    keyring.addEpochKey(view.getUint32(at), bundle.subarray(at + 4, at + 4 + KEY));
}
