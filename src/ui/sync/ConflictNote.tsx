/** On the person form: "Konflikt" when two devices changed the person apart, and "Konflikt lösen". */
import { useState } from 'react';
import type { Purpose } from '../../domain/purpose';
import { useT } from '../i18n';
import { useConflicts } from './useConflicts';
import { ConflictDialog } from './ConflictDialog';

export function ConflictNote({ personId, purposes }: { personId: string; purposes: readonly Purpose[] }) {
  const tr = useT();
  const conflicts = useConflicts();
  const [open, setOpen] = useState(false);
  const [resolved, setResolved] = useState(false);
  const inConflict = !!conflicts?.some((c) => c.personId === personId);
  if (!inConflict)
    return resolved ? (
      <p role="status" className="notice">
        {tr('ui.conflict.resolved')}
      </p>
    ) : null;
  return (
    <div className="conflict-note" role="note">
      <span className="badge conflict-badge">{tr('ui.conflict.badge')}</span>
      <p>{tr('ui.conflict.notice')}</p>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {tr('ui.conflict.resolve')}
      </button>
      {open && (
        <ConflictDialog
          personId={personId}
          purposes={purposes}
          onClose={(done) => {
            setOpen(false);
            setResolved(done);
          }}
        />
      )}
    </div>
  );
}
