/**
 * "Aktion erstellen": a campaign asking the listed (or selected) persons for their consent to the
 * purposes the user ticks — nothing is pre-ticked. Locked persons (Art. 18) are never put in a
 * campaign; the dialog says how many will be left out before anything is stored.
 */
import { useId, useState, type SubmitEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { createCampaign } from '../../data/commands/campaigns';
import { lockedPersonIds } from '../../data/queries/persons';
import { listPurposes } from '../../data/queries/purposes';
import { db } from '../db';
import { errorText, useT } from '../i18n';
import { useNoticeStore, useSession } from '../stores';
import { href } from '../route';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
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
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = (x: number) => formatNumber(tr.lang, x);
  const offered = (purposes ?? []).filter((p) => p.active && p.requiresConsent);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setProblem(tr('error.campaignName'));
      return;
    }
    if (chosen.size === 0) {
      setProblem(tr('error.campaignNoPurpose'));
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      // The purposes in the order offered, which is the order the letters list them.
      const purposeIds = offered.filter((p) => chosen.has(p.id)).map((p) => p.id);
      const { campaign, skippedLockedIds } = await createCampaign(db, session, { name, purposeIds, personIds: ids });
      const text = tr('ui.campaign.created', { name: campaign.name, count: n(campaign.members.length) });
      const skipped = skippedLockedIds.length
        ? ` ${tr('ui.campaign.skippedLocked', { count: n(skippedLockedIds.length) })}`
        : '';
      setNotice(text + skipped, href('pruefliste', 'aktion', campaign.id));
      onCreated(campaign.id);
    } catch (err) {
      setProblem(errorText(tr, err));
      setBusy(false);
    }
  }

  const members = locked === undefined ? undefined : ids.length - locked;
  return (
    <Dialog
      title={tr('ui.worklist.createCampaign')}
      onCancel={onCancel}
      draft={kept.draft(tr('ui.worklist.createCampaign'), { ids, name, chosen: [...chosen] })}
    >
      <form className="stack" onSubmit={submit} noValidate>
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
            <div className="field checkbox" key={p.id}>
              <input
                id={`campaign-purpose-${p.id}`}
                type="checkbox"
                checked={chosen.has(p.id)}
                onChange={(e) =>
                  setChosen((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(p.id);
                    else next.delete(p.id);
                    return next;
                  })
                }
              />
              <label htmlFor={`campaign-purpose-${p.id}`}>{p.name}</label>
            </div>
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
        <ErrorAlert message={problem} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy || offered.length === 0 || members === 0}>
            {tr('ui.campaign.create')}
          </button>
          <button type="button" onClick={onCancel}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
