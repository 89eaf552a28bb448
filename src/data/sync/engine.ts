/** The sync engine (stub: the API's shape, implemented next). */
import type { ConsentbookDB } from '../db';
import type { ChangeReason } from '../core/context';
import type { Session } from '../core/session';
import type { Person } from '../../domain/person';
import type { ConflictSummary, ConflictVersion, PullProgress, QuarantineEntry, SyncConfig } from './types';

const todo = (): never => {
  throw new Error('sync: not built yet');
};

export async function configureSync(_db: ConsentbookDB, _s: Session, _c: SyncConfig): Promise<void> {
  await Promise.resolve();
  todo();
}
export async function readSyncConfig(_db: ConsentbookDB): Promise<Omit<SyncConfig, 'password'> | undefined> {
  await Promise.resolve();
  return todo();
}
export async function startSync(_db: ConsentbookDB, _s: Session): Promise<void> {
  await Promise.resolve();
  todo();
}
export async function stopSync(_db: ConsentbookDB): Promise<void> {
  await Promise.resolve();
}
export async function pullBook(
  _db: ConsentbookDB,
  _c: SyncConfig,
  _k: Uint8Array,
  _p?: (p: PullProgress) => void,
): Promise<{ persons: number }> {
  await Promise.resolve();
  return todo();
}
export async function listConflicts(_db: ConsentbookDB): Promise<ConflictSummary[]> {
  await Promise.resolve();
  return [];
}
export async function conflictVersions(_db: ConsentbookDB, _id: string): Promise<ConflictVersion[]> {
  await Promise.resolve();
  return [];
}
export async function resolveConflict(
  _db: ConsentbookDB,
  _s: Session,
  _id: string,
  _m: Person,
  _r: ChangeReason,
): Promise<void> {
  await Promise.resolve();
  todo();
}
export async function listQuarantine(_db: ConsentbookDB): Promise<QuarantineEntry[]> {
  await Promise.resolve();
  return [];
}
