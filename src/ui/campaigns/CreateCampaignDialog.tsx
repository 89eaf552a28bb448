/**
 * "Aktion erstellen": a campaign asking the listed (or selected) persons for their consent to the
 * purposes the user ticks — nothing is pre-ticked. Locked persons (Art. 18) are never put in a
 * campaign; the dialog says how many will be left out before anything is stored.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { createCampaign } from '../../data/commands/campaigns';
import { lockedPersonIds } from '../../data/queries/persons';
import { listPurposes } from '../../data/queries/purposes';
import { db } from '../db';
import { useT } from '../i18n';
import { useNoticeStore, useSession } from '../stores';
import { href } from '../route';
import { DialogForm } from '../components/DialogForm';
import { CheckboxField } from '../components/CheckboxField';
import { refuse, useSubmit } from '../components/useSubmit';
import { formatNumber } from '../../i18n/locale';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface CreateCampaignDialogProps {
  personIds: readonly string[];
  onCancel: () => void;
  onCreated: (campaignId: string) => void;
}

/** How many of the ids are locked, from the `locked` index (no person record read). */
async function lockedAmong(ids: readonly string[]): Promise<number> {
  const locked = await lockedPersonIds(db);
  return ids.reduce((count, id) => count + (locked.has(id) ? 1 : 0), 0);
}

export function CreateCampaignDialog({ personIds, onCancel, onCreated }: CreateCampaignDialogProps) {
  const tr = useT();
  const session = useSession();
  const setNotice = useNoticeStore((s) => s.setNotice);
  const nameId = useId();
  // Kept with the persons it was opened for: the selection behind it is gone after a restore.
  const kept = useFormDraft<{ ids: string[]; name: string; chosen: string[] }>(DRAFT.campaign, '');
  const [ids] = useState(() => kept.restored?.ids ?? [...personIds]);
  const purposes = useLiveQuery(() => listPurposes(db), []);
  const locked = useLiveQuery(() => lockedAmong(ids), [ids]);
  const [name, setName] = useState(kept.restored?.name ?? '');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(kept.restored?.chosen));
  const n = (x: number) => formatNumber(tr.lang, x);
  const offered = (purposes ?? []).filter((p) => p.active && p.requiresConsent);

  const { error, busy, submit } = useSubmit(async () => {
    if (!name.trim()) refuse(tr('error.campaignName'));
    if (chosen.size === 0) refuse(tr('error.campaignNoPurpose'));
    // The purposes in the order offered, which is the order the letters list them.
    const purposeIds = offered.filter((p) => chosen.has(p.id)).map((p) => p.id);
    const { campaign, skippedLockedIds } = await createCampaign(db, session, { name, purposeIds, personIds: ids });
    const text = tr('ui.campaign.created', { name: campaign.name, count: n(campaign.members.length) });
    const skipped = skippedLockedIds.length
      ? ` ${tr('ui.campaign.skippedLocked', { count: n(skippedLockedIds.length) })}`
      : '';
    setNotice(text + skipped, href('pruefliste', 'aktion', campaign.id));
    onCreated(campaign.id);
  });

  const members = locked === undefined ? undefined : ids.length - locked;
  return (
    <DialogForm
      title={tr('ui.worklist.createCampaign')}
      submitLabel={tr('ui.campaign.create')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy || offered.length === 0 || members === 0}
      error={error}
      draft={kept.draft(tr('ui.worklist.createCampaign'), { ids, name, chosen: [...chosen] })}
    >
      <p>{tr('ui.campaign.intro')}</p>
      <div className="field">
        <label htmlFor={nameId}>{tr('ui.campaign.name')}</label>
        <input
          autoComplete="off"
          id={nameId}
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          data-autofocus=""
          required
          aria-required="true"
          placeholder={tr('ui.campaign.namePlaceholder')}
        />
      </div>
      <fieldset className="group wl-purposes">
        <legend>{tr('ui.campaign.purposes')}</legend>
        <p className="hint">{tr('ui.campaign.purposesHint')}</p>
        {purposes && offered.length === 0 && <p className="warning">{tr('ui.campaign.noPurposes')}</p>}
        {offered.map((p) => (
          <CheckboxField
            key={p.id}
            label={p.name}
            checked={chosen.has(p.id)}
            onChange={(on) =>
              setChosen((s) => {
                const next = new Set(s);
                if (on) next.add(p.id);
                else next.delete(p.id);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <div className="wl-people" aria-live="polite">
        <p>
          <strong>{tr('ui.campaign.persons', { count: n(members ?? ids.length) })}</strong>
        </p>
        {!!locked && (
          <p className="warning">
            {tr(members === 0 ? 'ui.campaign.allLocked' : 'ui.campaign.lockedLeftOut', { count: n(locked) })}
          </p>
        )}
      </div>
    </DialogForm>
  );
}
