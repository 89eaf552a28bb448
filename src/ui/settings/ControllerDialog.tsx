/**
 * No document without a controller (issue 16, item 5): before an Auskunft, consent letters or the
 * Verzeichnis is made, `useControllerFirst` reads the controller; while it lacks a name, an address
 * or a way to reach them, it asks for it in a dialog, saves it (logged like the settings) and then
 * makes the document. The data and documents layers refuse on their own (ControllerMissingError).
 */
import { useState, type ReactNode } from 'react';
import { readController } from '../../data/queries/settings';
import { updateController } from '../../data/commands/settings';
import { controllerGaps, EMPTY_CONTROLLER, type Controller } from '../../domain/settings';
import { db } from '../db';
import { useT } from '../i18n';
import { useRights, useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { reopen, useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { refuse, useSubmit } from '../components/useSubmit';
import { ControllerFields } from './ControllerSection';

interface ControllerDialogProps {
  initial: Controller;
  onSaved: () => void;
  onCancel: () => void;
}

function ControllerDialog({ initial, onSaved, onCancel }: ControllerDialogProps) {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const allowed = rights.permissions.has('changePrivacySettings');
  const kept = useFormDraft<Controller>(DRAFT.controllerFirst, '');
  const [draft, setDraft] = useState(kept.restored ?? initial);
  const gaps = controllerGaps(draft);

  const { error, busy, submit } = useSubmit(async () => {
    if (gaps.length > 0)
      refuse(
        tr('ui.controllerFirst.missing', {
          missing: gaps.map((part) => tr(`error.controllerMissing.${part}`)).join(', '),
        }),
      );
    await updateController(db, session, draft);
    onSaved();
  });

  return (
    <DialogForm
      title={tr('ui.controllerFirst.title')}
      draft={kept.draft(tr('ui.controllerFirst.title'), draft)}
      submitLabel={tr('ui.controllerFirst.save')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={!allowed || busy}
      error={error}
    >
      <p>{tr('ui.controllerFirst.intro')}</p>
      {!allowed && (
        <p className="notice">
          {tr('ui.controllerFirst.noPermission', { permission: tr('ui.permission.changePrivacySettings') })}
        </p>
      )}
      <fieldset disabled={!allowed} className="grid-fields">
        <legend className="visually-hidden">{tr('ui.settings.controllerTitle')}</legend>
        <ControllerFields draft={draft} onChange={setDraft} idPrefix="controller-first" />
      </fieldset>
    </DialogForm>
  );
}

/**
 * `withController(make)` runs `make` at once when the controller is complete; otherwise it asks
 * for the controller first (render `dialog`) and runs `make` once it is saved.
 */
export function useControllerFirst(): {
  withController: (make: () => Promise<void>) => Promise<void>;
  dialog: ReactNode;
} {
  // Kept when the session ended and taken back: open again with what was typed; the document it was
  // asked for is asked for again once the controller is saved (what to make is not kept).
  const [asking, setAsking] = useState<{ controller: Controller; make: () => Promise<void> } | null>(() =>
    reopen(DRAFT.controllerFirst, '', { controller: EMPTY_CONTROLLER, make: () => Promise.resolve() }),
  );
  async function withController(make: () => Promise<void>) {
    const controller = await readController(db);
    if (controllerGaps(controller).length === 0) await make();
    else setAsking({ controller, make });
  }
  const dialog = asking && (
    <ControllerDialog
      initial={asking.controller}
      onCancel={() => setAsking(null)}
      onSaved={() => {
        setAsking(null);
        void asking.make();
      }}
    />
  );
  return { withController, dialog };
}
