/**
 * The signed-in member of an open book, in memory only (like the keyring): their private key
 * (non-extractable) to open key grants arriving by sync, and their own server account from their
 * grant. Signing out forgets both.
 */
export interface SignedInMember {
  userId: string;
  /** Names the member's public key (memberKeys.keyIdOf): their grants are sealed to it. */
  keyId: string;
  privateKey: CryptoKey;
  account?: { username: string; password: string };
}

const members = new WeakMap<object, SignedInMember>();

export function setMember(db: object, member: SignedInMember): void {
  members.set(db, member);
}

export function memberOf(db: object): SignedInMember | undefined {
  return members.get(db);
}

export function forgetMember(db: object): void {
  members.delete(db);
}
