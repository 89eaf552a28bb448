/**
 * Follows the signed-in user's rights while the session lasts (core/currentRights.ts): after each
 * commit that changes users or groups — here, in another tab, or applied by sync — they are
 * computed as a sign-in computes them (trustedAccount: as the app last wrote them, so a record
 * changed on disk alone neither strips nor raises anyone).
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { Group } from '../domain/user';
import type { ConsentbookDB } from './db';
import { keepCurrentRights } from './core/currentRights';
import { isGenuineSession, rightsOf, type Session } from './core/session';

export function watchRights(db: ConsentbookDB, session: Session): void {
  // A value left from an earlier session of this user would narrow this one: it starts unknown.
  keepCurrentRights(db.name, session.userId, undefined);
  const parts = [`idb://${db.name}/users/`, `idb://${db.name}/groups/`];
  let computing = Promise.resolve();
  const listener = (changed: Partial<ObservabilitySet>) => {
    // Signed out or locked: the session acts no more, nor does its watch.
    if (!isGenuineSession(session)) {
      Dexie.on('storagemutated').unsubscribe(listener);
      return;
    }
    if (parts.some((part) => changed[part]))
      computing = computing.then(() => compute(db, session)).catch(() => undefined);
  };
  Dexie.on('storagemutated', listener);
}

async function compute(db: ConsentbookDB, session: Session): Promise<void> {
  if (!db.keyring.unlocked) return;
  const user = await db.users.get(session.userId);
  // Not stored (a session carried to another database in tests): nothing to judge by.
  if (!user) {
    keepCurrentRights(db.name, session.userId, undefined);
    return;
  }
  const groups = (await db.groups.bulkGet(user.groupIds)).filter((g): g is Group => !!g);
  const { trustedAccount } = await import('./commands/bookTagCheck');
  const trusted = await trustedAccount(db, user, groups);
  keepCurrentRights(db.name, session.userId, trusted.refused ? null : rightsOf(trusted.user, trusted.groups));
}
