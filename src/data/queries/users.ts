/** Reading users and groups (Einstellungen). */
import type { Group, User } from '../../domain/user';
import type { ConsentbookDB } from '../db';

export async function usersAndGroups(db: ConsentbookDB): Promise<{ users: User[]; groups: Group[] }> {
  const [users, groups] = await Promise.all([db.users.toArray(), db.groups.toArray()]);
  return { users, groups };
}
