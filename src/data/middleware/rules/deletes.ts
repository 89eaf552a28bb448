/**
 * Which records are never deleted, and which only with their person: one statement read by the
 * rules (a delete here) and by sync's checks of a delete made on another device (sync/check.ts).
 * A delete of any other table's record needs the table's permission and passes its rule's checks.
 */
import type { WriteIntent } from '../../core/context';

/** Kept as written: never changed or deleted, on any device or on the server (sync/rules.ts). */
export const APPEND_ONLY_TABLES: readonly string[] = ['auditLog', 'chainCheckpoints', 'erasures', 'keyGrants'];

/**
 * Changed but never deleted: the book's settings; data-subject requests and breaches, the record of
 * how the controller met its duties (Art. 5(2), 12(3), 33(5)).
 */
const KEPT_TABLES: readonly string[] = ['settings', 'requests', 'breaches'];

/** Deleted only with their person, by the erasure command (intent `erase`: its permission, deletePersons). */
const ERASED_WITH_PERSON: readonly string[] = ['persons', 'consents'];

/** Whether no writer deletes a record of `table`. */
export function neverDeleted(table: string): boolean {
  return KEPT_TABLES.includes(table) || APPEND_ONLY_TABLES.includes(table);
}

/** Whether a record of `table` is deleted only by erasing its person. */
export function deletedByErasureOnly(table: string): boolean {
  return ERASED_WITH_PERSON.includes(table);
}

/** Whether a delete of a record of `table`, by a write with `intent`, is refused whoever writes. */
export function deleteRefused(table: string, intent: WriteIntent | undefined): boolean {
  return neverDeleted(table) || (deletedByErasureOnly(table) && intent !== 'erase');
}
