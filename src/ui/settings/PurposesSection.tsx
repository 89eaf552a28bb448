/**
 * The purposes reference list (Verwendungszwecke): add, rename, deactivate/reactivate, and
 * delete only while unused (the data layer refuses otherwise with 'error.purposeInUse'). One on
 * basis f states its legitimate interest; a link of the Übersicht's findings (settingsLinks.ts)
 * opens the purpose's details to enter it.
 */
import { useRef, useState, type SubmitEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { LAWFUL_BASES, type LawfulBasis, type Purpose } from '../../domain/purpose';
import { addPurpose, deletePurpose, updatePurpose } from '../../data/commands/purposes';
import { purposesWithUse } from '../../data/queries/purposes';
import { db } from '../db';
import { useT } from '../i18n';
import { isRestored, useFormDraft, useUnsavedChanges } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { useRights, useSession } from '../stores';
import { PurposeDetailsDialog } from './PurposeDetailsDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormFooter } from '../components/FormFooter';
import { useSave } from '../components/useSubmit';
import { CheckboxField } from '../components/CheckboxField';
import { WholeChoice } from '../components/WholeChoice';
import { useRoute } from '../route';
import { PURPOSE_PARAM } from './settingsLinks';
import { InterestField, InterestLine } from './PurposeInterest';

export function PurposesSection() {
  const tr = useT();
  const rights = useRights();
  const data = useLiveQuery(() => purposesWithUse(db), []);
  const allowed = rights.permissions.has('manageReferenceLists');
  const linked = useRoute().query.get(PURPOSE_PARAM);

  return (
    <section className="card" aria-labelledby="purposes-title">
      <h2 id="purposes-title">{tr('ui.purposes.title')}</h2>
      {!allowed && <p className="hint">{tr('ui.purposes.noPermission')}</p>}
      <ul className="purpose-list">
        {data?.purposes.map((p) => (
          <PurposeRow key={p.id} purpose={p} used={data.used.has(p.id)} allowed={allowed} linked={linked === p.id} />
        ))}
      </ul>
      {allowed && <AddPurposeForm />}
    </section>
  );
}

interface RowProps {
  purpose: Purpose;
  used: boolean;
  allowed: boolean;
  /** Named by the address (a finding's link): its details open, to be completed. */
  linked: boolean;
}

/** A purpose with its actions; why one was refused shows in the row, where it was asked for. */
function PurposeRow({ purpose, used, allowed, linked }: RowProps) {
  const tr = useT();
  const session = useSession();
  const { save: run, error, setError } = useSave();
  const kept = useFormDraft<{ name: string }>(DRAFT.purposeName, purpose.id);
  const [renaming, setRenaming] = useState<string | null>(kept.restored?.name ?? null);
  // Its details kept when the session ended: the dialog opens again to take them. Opened by a
  // finding's link too: the rows appear with the list, after the link was followed.
  const [editing, setEditing] = useState(() => isRestored(DRAFT.purposeDetails, purpose.id) || (linked && allowed));
  const [saved, setSaved] = useState('');
  const onF = purpose.lawfulBasis === 'f';
  useUnsavedChanges(renaming !== null && renaming !== purpose.name, () =>
    renaming === null ? null : kept.keep(`${tr('ui.purposes.title')}: ${purpose.name}`, { name: renaming }),
  );
  const retention =
    purpose.retention.years > 0
      ? tr('ui.purposes.retentionValue', { years: purpose.retention.years, basis: purpose.retention.basis || '—' })
      : tr('ui.purposes.noRetention');
  return (
    <li className={`purpose ${purpose.active ? '' : 'inactive'}`}>
      <div className="purpose-main">
        {renaming === null ? (
          <strong>{purpose.name}</strong>
        ) : (
          <form
            className="row-inline"
            onSubmit={(e) => {
              e.preventDefault();
              // Refused, the form stays open with the name typed, to correct it.
              void run(() => updatePurpose(db, session, { ...purpose, name: renaming })).then(
                (done) => done && setRenaming(null),
              );
            }}
          >
            <div className="field">
              <label htmlFor={`rename-${purpose.id}`}>{tr('ui.purposes.newName')}</label>
              <input
                autoComplete="off"
                id={`rename-${purpose.id}`}
                value={renaming}
                onChange={(e) => setRenaming(e.target.value)}
                data-autofocus=""
                autoFocus
              />
            </div>
            <button type="submit">{tr('ui.purposes.applyName')}</button>
            <button
              type="button"
              onClick={() => {
                setError(null);
                setRenaming(null);
              }}
            >
              {tr('ui.cancel')}
            </button>
          </form>
        )}
        <span className="muted">
          {tr(`basis.${purpose.lawfulBasis}`)} ·{' '}
          {purpose.requiresConsent ? tr('ui.purposes.needsConsent') : tr('ui.purposes.noConsent')} · {retention}
          {purpose.recipients && ` · ${tr('ui.purposes.recipientsValue', { recipients: purpose.recipients })}`}
          {!purpose.active && ` · ${tr('ui.purpose.inactive')}`}
        </span>
        <InterestLine purpose={purpose} />
      </div>
      {allowed && renaming === null && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setError(null);
              setRenaming(purpose.name);
            }}
            aria-label={tr('ui.purposes.renameNamed', { name: purpose.name })}
          >
            {tr('ui.purposes.rename')}
          </button>
          <button
            type="button"
            onClick={() => {
              setError(null);
              setSaved('');
              setEditing(true);
            }}
            aria-label={tr(onF ? 'ui.purposes.detailsInterestNamed' : 'ui.purposes.detailsNamed', {
              name: purpose.name,
            })}
          >
            {tr(onF ? 'ui.purposes.detailsInterest' : 'ui.purposes.details')}
          </button>
          <button
            type="button"
            onClick={() => void run(() => updatePurpose(db, session, { ...purpose, active: !purpose.active }))}
            aria-label={tr(purpose.active ? 'ui.purposes.deactivateNamed' : 'ui.purposes.activateNamed', {
              name: purpose.name,
            })}
          >
            {tr(purpose.active ? 'ui.purposes.deactivate' : 'ui.purposes.activate')}
          </button>
          {!used && (
            <button
              type="button"
              className="danger"
              onClick={() => void run(() => deletePurpose(db, session, purpose.id))}
              aria-label={tr('ui.purposes.deleteNamed', { name: purpose.name })}
            >
              {tr('ui.delete')}
            </button>
          )}
        </div>
      )}
      <ErrorAlert message={error} />
      {saved && <p role="status">{saved}</p>}
      {editing && (
        <PurposeDetailsDialog
          purpose={purpose}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            setSaved(tr(onF ? 'ui.purposes.detailsInterestSaved' : 'ui.purposes.detailsSaved', { name: purpose.name }));
          }}
        />
      )}
    </li>
  );
}

interface NewPurposeDraft {
  name: string;
  lawfulBasis: LawfulBasis;
  requiresConsent: boolean;
  years: string;
  retentionBasis: string;
  legitimateInterest?: string;
}

/**
 * The form at the foot of a long list: its outcome (added, or why not) shows beside its button,
 * where the user is, not at the section's head above the list.
 */
function AddPurposeForm() {
  const tr = useT();
  const { save, error, status } = useSave();
  const session = useSession();
  const kept = useFormDraft<NewPurposeDraft>(DRAFT.purpose, '');
  const [name, setName] = useState(kept.restored?.name ?? '');
  const [lawfulBasis, setBasis] = useState<LawfulBasis>(kept.restored?.lawfulBasis ?? 'b');
  const basisSelect = useRef<HTMLSelectElement>(null);
  const [requiresConsent, setRequiresConsent] = useState(kept.restored?.requiresConsent ?? false);
  const [years, setYears] = useState(kept.restored?.years ?? '0');
  const [retentionBasis, setRetentionBasis] = useState(kept.restored?.retentionBasis ?? '');
  const [interest, setInterest] = useState(kept.restored?.legitimateInterest ?? '');
  useUnsavedChanges(name !== '' || years !== '0' || retentionBasis !== '' || interest !== '', () =>
    kept.keep(tr('ui.purposes.title'), {
      name,
      lawfulBasis,
      requiresConsent,
      years,
      retentionBasis,
      legitimateInterest: interest,
    }),
  );

  function submit(e: SubmitEvent) {
    e.preventDefault();
    void save(
      async () => {
        const purpose = await addPurpose(db, session, {
          name,
          lawfulBasis,
          requiresConsent: requiresConsent || lawfulBasis === 'a',
          retention: { years: Math.max(0, Math.floor(Number(years) || 0)), basis: retentionBasis.trim() },
          recipients: '',
          legitimateInterest: lawfulBasis === 'f' ? interest : '',
          active: true,
        });
        setName('');
        setInterest('');
        setYears('0');
        setRetentionBasis('');
        return purpose;
      },
      (purpose) => tr('ui.purposes.added', { name: purpose.name }),
    );
  }

  return (
    <form className="add-purpose" onSubmit={submit} aria-labelledby="add-purpose-title">
      <h3 id="add-purpose-title">{tr('ui.purposes.addTitle')}</h3>
      <div className="grid-fields">
        <div className="field">
          <label htmlFor="purpose-name">{tr('ui.purposes.name')}</label>
          <input autoComplete="off" id="purpose-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field whole-row">
          <label htmlFor="purpose-basis">{tr('ui.purposes.basis')}</label>
          <select
            ref={basisSelect}
            id="purpose-basis"
            value={lawfulBasis}
            onChange={(e) => setBasis(e.target.value as LawfulBasis)}
          >
            {LAWFUL_BASES.map((b) => (
              <option key={b} value={b}>
                {tr(`basis.${b}`)}
              </option>
            ))}
          </select>
          <WholeChoice select={basisSelect} text={tr(`basis.${lawfulBasis}`)} />
        </div>
        {lawfulBasis === 'f' && <InterestField id="purpose-interest" value={interest} onChange={setInterest} />}
        <CheckboxField
          label={tr('ui.purposes.requiresConsent')}
          checked={requiresConsent || lawfulBasis === 'a'}
          disabled={lawfulBasis === 'a'}
          onChange={setRequiresConsent}
        />
        <div className="field">
          <label htmlFor="purpose-years">{tr('ui.purposes.retentionYears')}</label>
          <input
            autoComplete="off"
            id="purpose-years"
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={years}
            onChange={(e) => setYears(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="purpose-retention-basis">{tr('ui.purposes.retentionBasis')}</label>
          <input
            autoComplete="off"
            id="purpose-retention-basis"
            value={retentionBasis}
            onChange={(e) => setRetentionBasis(e.target.value)}
            placeholder="§ 257 HGB"
          />
        </div>
      </div>
      <FormFooter submitLabel={tr('ui.purposes.add')} primary error={error} status={status} revealStatus />
    </form>
  );
}
