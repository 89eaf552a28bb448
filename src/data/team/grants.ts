/**
 * Sealing the book's keys to a member (a key grant) and opening one's own grants at sign-in or
 * when they arrive by sync. See domain/keyGrant.ts.
 */
import { keyGrantId, type GrantContent, type KeyGrant } from '../../domain/keyGrant';
import type { User } from '../../domain/user';
import type { Keyring } from '../core/crypto/keyring';
import { fromJsonBytes, toJsonBytes } from '../core/crypto/json';
import { keyIdOf, openFromMember, sealToMember } from '../core/crypto/memberKeys';
import { fromBase64, toBase64 } from '../core/crypto/passphrase';

const aadOf = (id: string) => new TextEncoder().encode(`keyGrants/${id}`);

/** A grant of the keyring's current epoch (with every older epoch's key) to `user`. */
export async function grantTo(
  keyring: Keyring,
  user: Pick<User, 'id' | 'keyPair'>,
  grantedBy: string,
  account?: GrantContent['account'],
): Promise<KeyGrant> {
  if (!user.keyPair) throw new Error(`The user ${user.id} has no key pair yet`);
  const epoch = keyring.epoch;
  const content: GrantContent = {
    epoch,
    epochKeys: Object.fromEntries(keyring.epochKeyList().map(([n, key]) => [String(n), toBase64(key)])),
    dataKey: toBase64(keyring.requireDataKey()),
    ...(account ? { account } : {}),
  };
  const keyId = keyIdOf(user.keyPair.publicKey);
  const id = keyGrantId(epoch, user.id, keyId);
  const sealed = await sealToMember(user.keyPair.publicKey, toJsonBytes(content), aadOf(id));
  return { id, epoch, userId: user.id, keyId, ...sealed, grantedBy, at: new Date().toISOString() };
}

export async function openGrant(privateKey: CryptoKey, grant: KeyGrant): Promise<GrantContent> {
  const content = fromJsonBytes(await openFromMember(privateKey, grant, aadOf(grant.id))) as GrantContent;
  if (content.epoch !== grant.epoch) throw new Error('A key grant names another epoch than its record');
  return content;
}

/**
 * Puts a grant's epoch keys into the keyring (opened with the data key the grant carries, which
 * must be the book's: a grant from another book is refused). Returns its account, if any.
 */
export function takeGrant(keyring: Keyring, content: GrantContent): GrantContent['account'] {
  const dataKey = fromBase64(content.dataKey);
  const own = keyring.requireDataKey();
  if (dataKey.length !== own.length || dataKey.some((b, i) => b !== own[i]))
    throw new Error("A key grant carries another book's key");
  for (const [epoch, key] of Object.entries(content.epochKeys)) keyring.addEpochKey(Number(epoch), fromBase64(key));
  return content.account;
}
