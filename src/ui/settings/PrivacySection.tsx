/**
 * "DSGVO-Programmunterstützung deaktivieren" (confirmed, logged, needs the permission) and the
 * idle lock time. The data layer refuses without the permission; the UI also explains it.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readPrivacySettings } from '../../data/queries/settings';
import { updatePrivacySettings } from '../../data/commands/settings';
import { IDLE_LOCK_MINUTES } from '../../domain/settings';
import { db } from '../db';
import { useT } from '../i18n';
import { useFormDraft, useUnsavedChanges } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { useRights, useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { CheckboxField } from '../components/CheckboxField';
import { FormOutcome } from '../components/FormFooter';
import { useSave } from '../components/useSubmit';

export function PrivacySection() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const settings = useLiveQuery(() => readPrivacySettings(db), []);
  const [confirming, setConfirming] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const { save, error, setError, status } = useSave();
  const kept = useFormDraft<{ minutes: string | null }>(DRAFT.privacy, '');
  const [minutes, setMinutes] = useState<string | null>(kept.restored?.minutes ?? null);
  const allowed = rights.permissions.has('changePrivacySettings');
  useUnsavedChanges(!!settings && minutes !== null && minutes !== String(settings.idleLockMinutes), () =>
    kept.keep(tr('ui.settings.privacyTitle'), { minutes }),
  );
  if (!settings) return null;

  const apply = (changes: Parameters<typeof updatePrivacySettings>[2], note = '') =>
    save(() => updatePrivacySettings(db, session, changes, note), tr('ui.settings.saved'));

  const minutesValue = minutes ?? String(settings.idleLockMinutes);
  return (
    <section className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{tr('ui.settings.privacyTitle')}</h2>
      <CheckboxField
        label={tr('ui.settings.gdprDisabled')}
        checked={settings.gdprSupportDisabled}
        disabled={!allowed}
        onChange={(checked) => {
          setComment('');
          setConfirming(checked);
        }}
        hint={allowed ? tr('ui.settings.gdprDisabledHint') : tr('ui.settings.noPermission')}
      />
      <form
        className="row-inline"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(minutesValue);
          if (!Number.isInteger(n) || n < IDLE_LOCK_MINUTES.min || n > IDLE_LOCK_MINUTES.max) {
            setError(tr('ui.settings.idleInvalid'));
            return;
          }
          void apply({ idleLockMinutes: n }).then(() => setMinutes(null));
        }}
      >
        <div className="field">
          <label htmlFor="idle-minutes">{tr('ui.settings.idleMinutes')}</label>
          <input
            autoComplete="off"
            id="idle-minutes"
            type="number"
            min={IDLE_LOCK_MINUTES.min}
            max={IDLE_LOCK_MINUTES.max}
            inputMode="numeric"
            value={minutesValue}
            disabled={!allowed}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
        <button type="submit" disabled={!allowed}>
          {tr('ui.save')}
        </button>
      </form>
      <FormOutcome error={error} status={status} />
      {confirming !== null && (
        <Dialog
          title={tr(confirming ? 'ui.settings.gdprOffTitle' : 'ui.settings.gdprOnTitle')}
          onCancel={() => setConfirming(null)}
        >
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              const value = confirming;
              setConfirming(null);
              void apply({ gdprSupportDisabled: value }, comment.trim());
            }}
          >
            <p>{tr(confirming ? 'ui.settings.gdprOffWarning' : 'ui.settings.gdprOnInfo')}</p>
            <div className="field">
              <label htmlFor="gdpr-comment">{tr('ui.reason.comment')}</label>
              <textarea
                autoComplete="off"
                id="gdpr-comment"
                rows={2}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                data-autofocus=""
              />
            </div>
            <div className="dialog-actions">
              <button type="submit" className={confirming ? 'danger' : 'primary'}>
                {tr('ui.confirm')}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                {tr('ui.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}
