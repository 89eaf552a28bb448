/** Reading the purposes reference list (Verwendungszwecke). */
import type { Purpose } from '../../domain/purpose';
import { isPurposeInUse } from '../core/purposeUse';
import type { ConsentbookDB } from '../db';

export function listPurposes(db: ConsentbookDB): Promise<Purpose[]> {
  return db.purposes.toArray();
}

/** Every purpose with whether it is in use (then it can be deactivated, not deleted). */
export async function purposesWithUse(db: ConsentbookDB): Promise<{ purposes: Purpose[]; used: Set<string> }> {
  const purposes = await listPurposes(db);
  const inUse = await Promise.all(
    purposes.map((p) =>
      isPurposeInUse(p.id, (table, index, keys) =>
        // eslint-disable-next-line no-restricted-syntax -- limit(1): one step at most
        db.table(table).where(index).anyOf(keys).limit(1).count(),
      ),
    ),
  );
  return { purposes, used: new Set(purposes.filter((_, i) => inUse[i]).map((p) => p.id)) };
}
