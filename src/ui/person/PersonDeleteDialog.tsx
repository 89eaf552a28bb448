/**
 * "Löschen" on the person form: a comment (why) when the person is natural and GDPR support is on —
 * no purpose, none justifies an erasure — else a plain confirmation. Retention is checked before.
 */
import { useRef, useState, type ReactNode } from 'react';
import { displayName, type Person } from '../../domain/person';
import type { ChangeReason } from '../../data/core/context';
import { useT } from '../i18n';
import { Dialog } from '../components/Dialog';
import { ReasonDialog } from './ReasonDialog';

interface PersonDeleteDialogProps {
  person: Person;
  needsReason: boolean;
  purposes: Parameters<typeof ReasonDialog>[0]['purposes'];
  onConfirm: (reason?: ChangeReason) => Promise<void>;
  onCancel: () => void;
}

export function PersonDeleteDialog({ person, needsReason, purposes, onConfirm, onCancel }: PersonDeleteDialogProps) {
  const tr = useT();
  const intro = <p>{tr('ui.delete.intro', { name: displayName(person) })}</p>;
  if (needsReason) {
    return (
      <ReasonDialog
        title={tr('ui.delete.title')}
        fieldKeys={[]}
        purposes={purposes}
        defaultPurposeId=""
        purposeMode="none"
        confirmLabel={tr('ui.delete')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        {intro}
      </ReasonDialog>
    );
  }
  return <ConfirmDelete intro={intro} onConfirm={() => onConfirm()} onCancel={onCancel} />;
}

function ConfirmDelete({
  intro,
  onConfirm,
  onCancel,
}: {
  intro: ReactNode;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const tr = useT();
  const [busy, setBusy] = useState(false);
  const ref = useRef(false);
  return (
    <Dialog title={tr('ui.delete.title')} onCancel={onCancel}>
      {intro}
      <div className="dialog-actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            if (ref.current) return;
            ref.current = true;
            setBusy(true);
            void onConfirm();
          }}
        >
          {tr('ui.delete')}
        </button>
        <button type="button" onClick={onCancel} data-autofocus="">
          {tr('ui.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
