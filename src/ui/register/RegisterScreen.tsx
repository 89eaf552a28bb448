/**
 * Verzeichnis (Art. 30(1) GDPR): the records of processing activities, generated from the purposes
 * and the data held (collectProcessingRegister), completed by the user (register notes, saved with
 * 'changePrivacySettings'), and issued as PDF or JSON — real downloads, each logged.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  collectUncheckedRegister,
  readRegisterNotes,
  tallyRegisterActivities,
  withAuditCheckFailed,
  withAuditVerdict,
  type RegisterEnvironment,
  type RegisterNotes,
  type RegisterProgress,
  type UncheckedRegister,
} from '../../data/queries/register';
import type { PurposeTallies, TallyProgress } from '../../data/queries/registerActivities';
import { saveRegisterNotes } from '../../data/commands/register';
import { addressLines } from '../../domain/address';
import type { Controller } from '../../domain/settings';
import { db } from '../db';
import { useT, type Translate, errorMessage, type AlertMessage } from '../i18n';
import { useFormDraft, useUnsavedChanges } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { href } from '../route';
import { useRights, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { ActivityCard } from './ActivityCard';
import { MeasuresCard } from './MeasuresCard';
import { RecipientsCard } from './RecipientsCard';
import { useControllerFirst } from '../settings/ControllerDialog';
import { issueRegister, registerEnvironment, type RegisterFormat } from './exportRegister';
import { useAuditCheck } from '../audit/useAuditCheck';
import { checkCount } from '../audit/checkCounts';
import './register.css';

type Loaded = { ok: true; register: UncheckedRegister } | { ok: false; error: unknown };
type TallyLoaded = { ok: true; tallies: PurposeTallies } | { ok: false; error: unknown };

/** Notes as stored: trimmed, empty entries dropped — to tell whether the draft differs. */
function normalised(notes: RegisterNotes): string {
  const activities = Object.entries(notes.activities)
    .map(([id, a]) => [id, (a.description ?? '').trim(), (a.transfers ?? '').trim()] as const)
    .filter(([, d, t]) => d || t)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([activities, notes.additionalMeasures.trim()]);
}

export default function RegisterScreen() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const canEdit = rights.permissions.has('changePrivacySettings');
  // Read outside the live query: it watches only the database reads inside it.
  const [environment, setEnvironment] = useState<RegisterEnvironment | null>(null);
  useEffect(() => {
    void registerEnvironment().then(setEnvironment);
  }, []);
  // The persons tallied (a page at a time: at 100,000 persons seconds), the log checked apart.
  const [tally, setTally] = useState<TallyProgress | null>(null);
  // Two live queries: the tally again only when persons or consents change, the rest (notes,
  // settings, the measures) whenever what it read changes — saving the notes re-tallies nothing.
  const tallied = useLiveQuery(
    () =>
      tallyRegisterActivities(db, session, setTally).then(
        (tallies): TallyLoaded => ({ ok: true, tallies }),
        (error: unknown): TallyLoaded => ({ ok: false, error }),
      ),
    [session],
  );
  const loaded = useLiveQuery((): Promise<Loaded> | undefined => {
    if (!environment || !tallied) return undefined;
    if (!tallied.ok) return Promise.resolve(tallied);
    return collectUncheckedRegister(db, session, new Date(), environment, { tallied: tallied.tallies }).then(
      (register): Loaded => ({ ok: true, register }),
      (error: unknown): Loaded => ({ ok: false, error }),
    );
  }, [session, environment, tallied]);
  const audit = useAuditCheck(loaded !== undefined);
  const stored = useLiveQuery(() => readRegisterNotes(db), []);
  const kept = useFormDraft<RegisterNotes>(DRAFT.register, '');
  // The notes as stored until the user changes one (or a kept draft comes back).
  const [edited, setDraft] = useState<RegisterNotes | null>(kept.restored ?? null);
  const draft = edited ?? stored ?? null;
  const [busy, setBusy] = useState<RegisterFormat | 'save' | null>(null);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [issuing, setIssuing] = useState<RegisterProgress | null>(null);
  const [saveError, setSaveError] = useState<AlertMessage | null>(null);
  const [saveStatus, setSaveStatus] = useState<string | null>(null);
  const { withController, dialog: controllerDialog } = useControllerFirst();
  // A draft brought back before the stored notes are read is unsaved all the same.
  const dirty = !!edited && (!stored || normalised(edited) !== normalised(stored));
  useUnsavedChanges(dirty, () => draft && kept.keep(tr('ui.nav.verzeichnis'), draft));

  async function issue(format: RegisterFormat) {
    setBusy(format);
    setError(null);
    setStatus(tr('ui.register.making'));
    try {
      const file = await issueRegister(session, format, tr.lang, setIssuing);
      setStatus(tr('ui.register.issued', { file }));
    } catch (e) {
      setStatus(null);
      setError(errorMessage(tr, e));
    } finally {
      setBusy(null);
      setIssuing(null);
    }
  }

  async function save(e: React.SubmitEvent) {
    e.preventDefault();
    if (!draft) return;
    setBusy('save');
    setSaveError(null);
    setSaveStatus(null);
    try {
      await saveRegisterNotes(db, session, draft);
      setSaveStatus(tr('ui.register.saved'));
    } catch (err) {
      setSaveError(errorMessage(tr, err));
    } finally {
      setBusy(null);
    }
  }

  const register = loaded?.ok ? loaded.register : undefined;
  const shown =
    register &&
    (audit.status === 'done'
      ? withAuditVerdict(register, audit.figure)
      : audit.status === 'failed'
        ? withAuditCheckFailed(register)
        : register);
  return (
    <section className="screen register" aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title">{tr('ui.nav.verzeichnis')}</h1>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!register || busy !== null}
            onClick={() => void withController(() => issue('pdf'))}
          >
            {tr('ui.register.pdf')}
          </button>
          <button
            type="button"
            disabled={!register || busy !== null}
            onClick={() => void withController(() => issue('json'))}
          >
            {tr('ui.register.json')}
          </button>
        </div>
      </div>
      <p className="intro">{tr('ui.register.help')}</p>
      <div aria-live="polite">
        {status && (
          <p role="status" className="notice">
            {status}
          </p>
        )}
      </div>
      {/* Beside the live region, not in it: announced once, not every page or run. */}
      {issuing && <IssueProgress tr={tr} progress={issuing} />}
      {dirty && <p className="warning">{tr('ui.register.unsavedExport')}</p>}
      <ErrorAlert message={error} />
      {controllerDialog}

      {!loaded ? (
        <div className="muted">
          <p role="status">{tr('ui.loading')}</p>
          {tally && tally.total > 0 && <p>{tr('ui.register.personsCounted', { ...tally })}</p>}
        </div>
      ) : !loaded.ok ? (
        <ErrorAlert message={errorMessage(tr, loaded.error)} />
      ) : (
        <>
          <ControllerCard tr={tr} controller={loaded.register.controller} />
          {!canEdit && (
            <p className="locked-note">
              {tr('ui.register.readOnly', { permission: tr('ui.permission.changePrivacySettings') })}
            </p>
          )}
          <form onSubmit={save} className="register-form" aria-labelledby="screen-title">
            <h2 className="section-title">2. {tr('register.section.activities')}</h2>
            {loaded.register.activities.length === 0 && <p className="empty">{tr('report.noEntries')}</p>}
            {loaded.register.activities.map((a, i) => (
              <ActivityCard
                key={a.purposeId}
                tr={tr}
                register={loaded.register}
                activity={a}
                number={`2.${i + 1}`}
                notes={(draft ?? stored)?.activities[a.purposeId] ?? {}}
                editable={canEdit && !!draft}
                onChange={(notes) =>
                  draft && setDraft({ ...draft, activities: { ...draft.activities, [a.purposeId]: notes } })
                }
              />
            ))}
            {loaded.register.naturalWithoutPurpose > 0 && (
              <p className="warning">
                <a href={href('pruefliste')}>
                  {tr('register.withoutPurpose', { count: loaded.register.naturalWithoutPurpose })}
                </a>
              </p>
            )}
            <RecipientsCard tr={tr} register={loaded.register} />
            <MeasuresCard
              tr={tr}
              register={shown ?? loaded.register}
              audit={audit}
              additional={(draft ?? stored)?.additionalMeasures ?? ''}
              editable={canEdit && !!draft}
              onChange={(text) => draft && setDraft({ ...draft, additionalMeasures: text })}
            />
            {canEdit && (
              <div className="form-actions">
                <button type="submit" className="primary" disabled={busy !== null || !dirty}>
                  {tr('ui.register.save')}
                </button>
                {dirty ? (
                  <span className="muted">{tr('ui.register.unsaved')}</span>
                ) : (
                  saveStatus && (
                    <p role="status" className="save-status">
                      {saveStatus}
                    </p>
                  )
                )}
                <ErrorAlert message={saveError} />
              </div>
            )}
          </form>
        </>
      )}
    </section>
  );
}

function IssueProgress({ tr, progress: { persons, audit } }: { tr: Translate; progress: RegisterProgress }) {
  return (
    <div className="muted">
      {persons && <p>{tr('ui.register.personsCounted', { ...persons })}</p>}
      {audit && <p>{checkCount(tr, audit)}</p>}
    </div>
  );
}

function ControllerCard({ tr, controller: c }: { tr: Translate; controller: Controller }) {
  const address = addressLines(c).join(', ');
  const none = tr('ui.register.notGiven');
  return (
    <section className="card" aria-labelledby="controller-title">
      <h2 id="controller-title">1. {tr('register.section.controller')}</h2>
      <dl className="facts register-facts">
        <dt>{tr('report.controller.name')}</dt>
        <dd>{c.name || none}</dd>
        <dt>{tr('report.controller.address')}</dt>
        <dd>{address || none}</dd>
        <dt>{tr('field.email')}</dt>
        <dd>{c.email || none}</dd>
        <dt>{tr('field.phone')}</dt>
        <dd>{c.phone || none}</dd>
        <dt>{tr('report.controller.dpo')}</dt>
        <dd>{c.dataProtectionOfficer || tr('register.noDpo')}</dd>
      </dl>
      <a href={href('einstellungen')}>{tr('ui.register.controllerEdit')}</a>
    </section>
  );
}
