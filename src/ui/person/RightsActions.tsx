/**
 * Auskunft (Art. 15) and the portability exports (Art. 20) of one person: each button makes the
 * document in the browser and starts a real download; the issue is logged and filed with the
 * person's open request. The code that makes them (and jsPDF, and the fonts) loads on first use.
 */
import { useRef, useState } from 'react';
import type { StoredPerson } from '../../data/db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import type { MessageKey } from '../../i18n/messages';
import { href } from '../route';
import { offerRequestFollowUp } from '../requests/followUpStore';
import { useRights, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import type { PersonDocumentKind } from '../rights/documents';
import { useControllerFirst } from '../settings/ControllerDialog';
import '../rights/rights.css';

const ACTIONS: { kind: PersonDocumentKind; label: MessageKey }[] = [
  { kind: 'accessReport', label: 'ui.person.action.accessReport' },
  { kind: 'portabilityJson', label: 'ui.person.action.exportJson' },
  { kind: 'portabilityVcard', label: 'ui.person.action.exportVcard' },
  { kind: 'portabilityCsv', label: 'ui.person.action.exportCsv' },
];

export const PERSON_SCHEMA_URL = '/schema/consentbook-person-export.schema.json';

export function RightsActions({ person }: { person: StoredPerson }) {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const allowed = rights.permissions.has('issueReports');
  const [busy, setBusy] = useState<PersonDocumentKind | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const running = useRef(false);
  const noteId = `rights-note-${person.id}`;
  const { withController, dialog } = useControllerFirst();

  async function issue(kind: PersonDocumentKind) {
    if (running.current) return;
    running.current = true;
    setBusy(kind);
    setError(null);
    setStatus(tr(kind === 'accessReport' ? 'ui.rights.pdfProgress' : 'ui.rights.exportProgress'));
    try {
      const { issuePersonDocument } = await import('../rights/documents');
      const doc = await issuePersonDocument(kind, session, person.id, tr.lang);
      setStatus(tr('ui.rights.issued', { file: doc.fileName }));
      await offerRequestFollowUp(person.id, kind === 'accessReport' ? 'accessReport' : 'portabilityExport');
    } catch (e) {
      setStatus('');
      setError(errorMessage(tr, e));
    } finally {
      running.current = false;
      setBusy(null);
    }
  }

  return (
    <div className="rights-actions">
      <div className="actions" aria-busy={busy !== null}>
        {ACTIONS.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            disabled={!allowed}
            aria-disabled={busy !== null && allowed ? true : undefined}
            aria-describedby={allowed ? undefined : noteId}
            onClick={() => void (kind === 'accessReport' ? withController(() => issue(kind)) : issue(kind))}
          >
            {busy === kind && <span className="spinner" aria-hidden="true" />}
            {tr(label)}
          </button>
        ))}
        <a className="button-link" href={`${href('anfragen')}?neu=${encodeURIComponent(person.id)}`}>
          {tr('ui.rights.recordRequest')}
        </a>
      </div>
      {allowed ? (
        <p className="hint">
          {tr('ui.rights.hint')}{' '}
          <a href={PERSON_SCHEMA_URL} target="_blank" rel="noopener">
            {tr('ui.rights.schemaLink')}
          </a>
        </p>
      ) : (
        <p id={noteId} className="hint">
          {tr('ui.rights.noPermission', { permission: tr('ui.permission.issueReports') })}
        </p>
      )}
      <p role="status" className="rights-status">
        {status}
      </p>
      <ErrorAlert message={error} />
      {dialog}
    </div>
  );
}
