/**
 * This device's replica of a book (PouchDB), one per open database: the sync engine replicates it,
 * an administrator vouching for a member reads who wrote what from it (team/vouch.ts).
 */
import type { ConsentbookDB } from '../db';
import { localPouch, type Pouch } from './pouch';

const replicas = new Map<string, Promise<Pouch>>();

export function replicaOf(db: ConsentbookDB): Promise<Pouch> {
  let replica = replicas.get(db.name);
  if (!replica) replicas.set(db.name, (replica = localPouch(db.name)));
  return replica;
}

/** Deletes the replica (its revisions and checkpoints belong to a connection that ended). */
export async function destroyReplica(db: ConsentbookDB): Promise<void> {
  const replica = await replicaOf(db);
  replicas.delete(db.name);
  await replica.destroy();
}
