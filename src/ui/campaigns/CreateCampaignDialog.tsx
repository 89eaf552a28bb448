/**
 * "Aktion erstellen": a campaign asking the listed (or selected) persons for their consent to the
 * purposes the user ticks — nothing is pre-ticked. Locked persons (Art. 18), those who objected
 * (Art. 21) and those who withdrew the consent to a purpose ticked are never put in a campaign (the
 * data layer decides: campaignLeftOut); the dialog says how many will be left out and why before
 * anything is stored, and names them on request.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { createCampaign } from '../../data/commands/campaigns';
import { campaignLeftOut } from '../../data/queries/campaignLeftOut';
import type { CampaignLeftOutReason } from '../../domain/campaign';
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
import { LeftOutNote } from './LeftOutNote';

interface CreateCampaignDialogProps {
  personIds: readonly string[];
  onCancel: () => void;
  onCreated: (campaignId: string) => void;
}

/** The notice's part for those left out: a sentence per reason with its count. */
const SKIPPED: Record<
  CampaignLeftOutReason,
  'ui.campaign.skippedLocked' | 'ui.campaign.skippedObjected' | 'ui.campaign.skippedWithdrawn'
> = {
  locked: 'ui.campaign.skippedLocked',
  objected: 'ui.campaign.skippedObjected',
  withdrawn: 'ui.campaign.skippedWithdrawn',
};

/**
 * Who of the ids will be left out for the purposes ticked. Until one is ticked, no withdrawal
 * counts (which purposes it concerns is not known yet): only the locked and who objected.
 */
async function leftOutAmong(ids: readonly string[], purposeIds: readonly string[]) {
  const leftOut = await campaignLeftOut(db, ids, purposeIds);
  if (purposeIds.length === 0) for (const [id, reason] of leftOut) if (reason === 'withdrawn') leftOut.delete(id);
  return leftOut;
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
  const [name, setName] = useState(kept.restored?.name ?? '');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(kept.restored?.chosen));
  const n = (x: number) => formatNumber(tr.lang, x);
  const offered = (purposes ?? []).filter((p) => p.active && p.requiresConsent);
  // The purposes in the order offered, which is the order the letters list them.
  const purposeIds = offered.filter((p) => chosen.has(p.id)).map((p) => p.id);
  const purposeKey = purposeIds.join(' ');
  const leftOut = useLiveQuery(() => leftOutAmong(ids, purposeIds), [ids, purposeKey]);

  const { error, busy, submit } = useSubmit(async () => {
    if (!name.trim()) refuse(tr('error.campaignName'));
    if (chosen.size === 0) refuse(tr('error.campaignNoPurpose'));
    const created = await createCampaign(db, session, { name, purposeIds, personIds: ids });
    const { campaign } = created;
    const text = tr('ui.campaign.created', { name: campaign.name, count: n(campaign.members.length) });
    const skipped = (Object.keys(SKIPPED) as CampaignLeftOutReason[]).flatMap((reason) => {
      const count = created.leftOut.filter((l) => l.reason === reason).length;
      return count ? [tr(SKIPPED[reason], { count: n(count) })] : [];
    });
    setNotice([text, ...skipped].join(' '), href('pruefliste', 'aktion', campaign.id));
    onCreated(campaign.id);
  });

  const members = leftOut === undefined ? undefined : ids.length - leftOut.size;
  const allLocked = !!leftOut && [...leftOut.values()].every((r) => r === 'locked');
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
        {members === 0 && leftOut ? (
          <p className="warning">
            {tr(allLocked ? 'ui.campaign.allLocked' : 'ui.campaign.allLeftOut', { count: n(leftOut.size) })}
          </p>
        ) : (
          leftOut && <LeftOutNote leftOut={leftOut} />
        )}
      </div>
    </DialogForm>
  );
}
