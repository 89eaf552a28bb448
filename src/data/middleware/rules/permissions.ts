/**
 * The permission a write of each replicated table's records needs: one statement read by the rules
 * (a write here) and by sync's checks of a change made on another device (sync/check.ts), so the
 * two cannot drift. The book settings name theirs each (rules/settings.ts settingPermission); the
 * audit log and chain checkpoints need none (their entries are the writers' own).
 */
import type { Permission } from '../../../domain/user';
import { deletedByErasureOnly } from './deletes';

export interface TablePermissions {
  /** What a put or a delete needs (an edit, an import). */
  readonly write: Permission;
  /** Setting or lifting a lock (Art. 18), and keeping a locked record in a conflict's resolution. */
  readonly lock?: Permission;
  /**
   * What erasing a person (ERASE_PERMISSION instead of `write`) does to the table's records:
   * deletes them, or takes the person off them (a put).
   */
  readonly erasure?: 'deletes' | 'changes';
  /** Filing an issued report with a record (intent `fileDocument`): adds to its documents, nothing else. */
  readonly filing?: Permission;
}

/** Erasing a person (Art. 17), with what goes along: the person's delete, its tombstone, their records. */
export const ERASE_PERMISSION: Permission = 'deletePersons';

export const TABLE_PERMISSIONS = {
  persons: { write: 'editPersons', lock: 'lockPersons', erasure: 'deletes' },
  consents: { write: 'editPersons', erasure: 'deletes' },
  files: { write: 'editPersons', erasure: 'deletes' },
  transactions: { write: 'editPersons', erasure: 'changes' },
  campaigns: { write: 'editPersons', erasure: 'changes' },
  requests: { write: 'editPersons', filing: 'issueReports' },
  breaches: { write: 'editPersons' },
  purposes: { write: 'manageReferenceLists' },
  users: { write: 'manageUsers' },
  groups: { write: 'manageUsers' },
  keyGrants: { write: 'manageUsers' },
  /** The erasure record, written with a person's delete (below the rules, middleware/outbox.ts). */
  erasures: { write: ERASE_PERMISSION },
} as const satisfies Record<string, TablePermissions>;

/** The permissions of `table`'s writes; a table no entry names has no permission to give (a programming error). */
export function tablePermissions(table: string): TablePermissions {
  const entry = Object.hasOwn(TABLE_PERMISSIONS, table)
    ? (TABLE_PERMISSIONS as Record<string, TablePermissions>)[table]
    : undefined;
  if (!entry) throw new Error(`No permission is named for writes of ${table}`);
  return entry;
}

/**
 * Any permission a write here of a record of `table` may have needed — a put, or a delete
 * (`deleted`): what the author of a change made on another device must hold (sync/check.ts). Which
 * one a write needed depends on its intent, which a document does not carry; an erasure's put (the
 * person taken off a transaction or campaign) and a filed report (a request's documents appended)
 * differ from an edit only against the earlier version, which sync's checks do not keep. A lock's
 * permission is told from what changed (sync/wireRules.ts personRefusal).
 */
export function changePermissions(table: string, deleted: boolean): Permission[] {
  if (deleted && deletedByErasureOnly(table)) return [ERASE_PERMISSION];
  const { write, lock, erasure, filing } = tablePermissions(table);
  const also = deleted
    ? [erasure === 'deletes' && ERASE_PERMISSION]
    : [lock, filing, erasure === 'changes' && ERASE_PERMISSION];
  return [write, ...also.filter((p): p is Permission => !!p)];
}
