/** The controller (Verantwortlicher, Art. 13/30): printed on the Auskunft and the register. */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readController } from '../../data/queries/settings';
import { updateController } from '../../data/commands/settings';
import { controllerGaps, type Controller } from '../../domain/settings';
import { db } from '../db';
import { useT } from '../i18n';
import { useFormDraft, useUnsavedChanges } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { useRights, useSession } from '../stores';
import { FormFooter } from '../components/FormFooter';
import { useSave } from '../components/useSubmit';
import { useRoute } from '../route';
import { CONTROLLER_SECTION, focusField, SECTION_PARAM } from './settingsLinks';

const FIELDS: (keyof Controller)[] = [
  'name',
  'street',
  'postalCode',
  'city',
  'country',
  'email',
  'phone',
  'dataProtectionOfficer',
];

/** The controller's inputs, here and in the dialog that asks for them before the first document. */
export function ControllerFields({
  draft,
  onChange,
  idPrefix,
}: {
  draft: Controller;
  onChange: (next: Controller) => void;
  idPrefix: string;
}) {
  const tr = useT();
  return FIELDS.map((key) => (
    <div className="field" key={key}>
      <label htmlFor={`${idPrefix}-${key}`}>{tr(`ui.controller.${key}`)}</label>
      <input
        autoComplete="off"
        id={`${idPrefix}-${key}`}
        value={draft[key]}
        onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
      />
    </div>
  ));
}

export function ControllerSection() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const stored = useLiveQuery(() => readController(db), []);
  const kept = useFormDraft<Controller>(DRAFT.controller, '');
  // The form shows what is stored until the user changes something (or a kept draft comes back).
  const [edited, setDraft] = useState<Controller | null>(kept.restored ?? null);
  const draft = edited ?? stored ?? null;
  const { save, error, status } = useSave();
  const allowed = rights.permissions.has('changePrivacySettings');
  useFocusLinked(draft);
  // A draft brought back before the stored controller is read is unsaved all the same.
  useUnsavedChanges(
    !!edited && (!stored || FIELDS.some((k) => edited[k] !== stored[k])),
    () => draft && kept.keep(tr('ui.settings.controllerTitle'), draft),
  );
  if (!draft) return null;

  return (
    <section className="card" aria-labelledby="controller-title">
      <h2 id="controller-title">{tr('ui.settings.controllerTitle')}</h2>
      {!allowed && <p className="hint">{tr('ui.settings.noPermission')}</p>}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save(() => updateController(db, session, draft), tr('ui.settings.saved'));
        }}
      >
        <fieldset disabled={!allowed} className="grid-fields">
          <legend className="visually-hidden">{tr('ui.settings.controllerTitle')}</legend>
          <ControllerFields draft={draft} onChange={setDraft} idPrefix="controller" />
        </fieldset>
        <FormFooter submitLabel={tr('ui.save')} disabled={!allowed} error={error} status={status} />
      </form>
    </section>
  );
}

/**
 * A link to this section (settingsLinks.ts, from the finding "Verantwortlicher unvollständig")
 * focuses the first field still empty that a document needs, once the fields are shown.
 */
function useFocusLinked(draft: Controller | null) {
  const linked = useRoute().query.get(SECTION_PARAM) === CONTROLLER_SECTION;
  const done = useRef(false);
  useEffect(() => {
    if (!linked || !draft || done.current) return;
    done.current = true;
    const gap = controllerGaps(draft)[0];
    const field =
      gap === 'address'
        ? (['street', 'postalCode', 'city'] as const).find((key) => !draft[key].trim())
        : gap === 'contact'
          ? 'email'
          : 'name';
    focusField(`controller-${field ?? 'street'}`);
  }, [linked, draft]);
}
