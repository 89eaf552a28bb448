/**
 * Einstellungen → Synchronisation: who operates the sync server (Art. 28, 30(1)(d)). An
 * administrator picks one of the processors entered under Empfänger und Auftragsverarbeiter: its
 * name, country, transfer basis and contract date are entered and checked there, once, and the
 * documents name it with them. A link of the finding "Sync-Server-Betreiber ohne
 * Auftragsverarbeitungsvertrag" brings the choice into focus.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { chooseSyncOperator } from '../../data/commands/recipients';
import { readRecipients, readSyncOperatorId } from '../../data/queries/recipients';
import { syncOperatorOf, type Recipient } from '../../domain/recipients';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { useRights, useSession } from '../stores';
import { FormFooter } from '../components/FormFooter';
import { useSave } from '../components/useSubmit';
import { useUnsavedChanges } from '../unsavedChanges';
import { SYNC_OPERATOR_SECTION } from '../settings/settingsLinks';
import { useFocusSection } from '../settings/useFocusSection';

const FIELD_ID = 'sync-operator';

function operatorText(tr: Translate, r: Recipient): string {
  return r.contractDate
    ? tr('ui.sync.operatorContract', { name: r.name, date: formatDate(tr.lang, r.contractDate) })
    : tr('ui.sync.operatorNoContract', { name: r.name });
}

export function SyncOperatorPanel() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const stored = useLiveQuery(async () => {
    const [recipients, id] = await Promise.all([readRecipients(db), readSyncOperatorId(db)]);
    // A chosen entry removed or made a recipient since names nobody (syncOperatorOf).
    return {
      processors: recipients.filter((r) => r.role === 'processor'),
      id: syncOperatorOf(recipients, id)?.id ?? '',
    };
  }, []);
  const [choice, setChoice] = useState<string | null>(null);
  const chosen = choice ?? stored?.id ?? '';
  useUnsavedChanges(!!stored && choice !== null && choice !== stored.id);
  // A link to the choice (settingsLinks.ts, from the finding) focuses it once it is shown.
  useFocusSection(SYNC_OPERATOR_SECTION, FIELD_ID, !!stored);
  const { save, busy, error, status, setStatus } = useSave();
  if (!stored) return null;
  const operator = stored.processors.find((r) => r.id === stored.id);

  return (
    <section className="stack" aria-labelledby="sync-operator-title">
      <h3 id="sync-operator-title">{tr('ui.sync.operatorTitle')}</h3>
      <p className="hint">{tr('ui.sync.operatorIntro')}</p>
      {!rights.isAdmin ? (
        <>
          <p>
            {tr('ui.sync.operator')}: {operator ? operatorText(tr, operator) : tr('ui.sync.operatorNone')}
          </p>
          <p className="hint">{tr('ui.sync.operatorAdminOnly')}</p>
        </>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save(async () => {
              await chooseSyncOperator(db, session, chosen);
              setChoice(null);
            }, tr('ui.sync.operatorSaved'));
          }}
        >
          <div className="field">
            <label htmlFor={FIELD_ID}>{tr('ui.sync.operator')}</label>
            <select
              id={FIELD_ID}
              value={chosen}
              onChange={(e) => {
                setChoice(e.target.value);
                setStatus(null);
              }}
              aria-describedby={stored.processors.length ? undefined : `${FIELD_ID}-hint`}
            >
              <option value="">{tr('ui.sync.operatorNone')}</option>
              {stored.processors.map((r) => (
                <option key={r.id} value={r.id}>
                  {operatorText(tr, r)}
                </option>
              ))}
            </select>
            {stored.processors.length === 0 && (
              <p className="hint" id={`${FIELD_ID}-hint`}>
                {tr('ui.sync.operatorNoProcessors')}
              </p>
            )}
          </div>
          {/* Nothing to choose yet (the hint says where to enter one): nothing to save either. */}
          <FormFooter
            submitLabel={tr('ui.sync.operatorSave')}
            disabled={busy || (stored.processors.length === 0 && !stored.id)}
            error={error}
            status={status}
          />
        </form>
      )}
    </section>
  );
}
