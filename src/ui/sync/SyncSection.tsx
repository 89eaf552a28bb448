/**
 * Einstellungen → Synchronisation: the connection (administrators set it up: Server-Adresse,
 * Benutzer, Passwort, Verbinden), the state with the last sync, the server's operator (a processor,
 * named by administrators), "Gerät hinzufügen" for administrators, and what the engine held back
 * (quarantine) with its reasons.
 */
import { useState } from 'react';
import { connectBook } from '../../data/sync/setup';
import { memberOf } from '../../data/team/members';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { useRights, useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { TextField } from '../components/TextField';
import { useSubmit } from '../components/useSubmit';
import { InvitationPanel } from './InvitationPanel';
import { QuarantineList } from './QuarantineList';
import { WaitingList } from './WaitingList';
import { SyncOperatorPanel } from './SyncOperatorPanel';
import { accessEnded, syncErrorText } from './syncErrorText';
import { SYNC_SECTION } from '../settings/settingsLinks';
import { useFocusSection } from '../settings/useFocusSection';
import { syncStateText } from './SyncIndicator';
import { useSyncConfig, useSyncStatus } from './useSync';
import './sync.css';

export function SyncSection() {
  const tr = useT();
  const rights = useRights();
  const { config, reload } = useSyncConfig();
  const status = useSyncStatus();
  const [setUp, setSetUp] = useState(false);
  // The header's status links here.
  useFocusSection(SYNC_SECTION, 'sync-title');

  return (
    <section className="card sync" aria-labelledby="sync-title">
      <h2 id="sync-title" tabIndex={-1}>
        {tr('ui.sync.title')}
      </h2>
      <p>{tr('ui.sync.intro')}</p>
      {config === null ? (
        <p role="status">{tr('ui.loading')}</p>
      ) : config ? (
        <p>
          {tr('ui.sync.connected', {
            server: config.serverUrl,
            database: config.database,
            // The account this device syncs with: the signed-in member's own, once their grant gave one.
            username: memberOf(db)?.account?.username ?? config.username,
          })}
        </p>
      ) : (
        <p>{tr('ui.sync.notConnected')}</p>
      )}
      {status && (
        <dl className="facts">
          <dt>{tr('ui.sync.status')}</dt>
          <dd>
            {syncStateText(tr, status)}
            {status.error && ` — ${syncErrorText(tr, status)}`}
          </dd>
          {status.pending > 0 && status.state !== 'pending' && (
            <>
              <dt>{tr('ui.sync.pendingLabel')}</dt>
              <dd>{status.pending}</dd>
            </>
          )}
          <dt>{tr('ui.sync.lastSyncLabel')}</dt>
          <dd>{status.lastSyncAt ? formatDateTime(tr.lang, status.lastSyncAt) : tr('ui.sync.never')}</dd>
        </dl>
      )}
      {status && accessEnded(status) && (
        // What the ended access means here, and what to do.
        <div className="warning" role="alert">
          <p>{tr('ui.sync.accessEndedLost')}</p>
          <p>{tr(rights.isAdmin ? 'ui.sync.accessEndedAdmin' : 'ui.sync.accessEndedMember')}</p>
        </div>
      )}
      {rights.isAdmin ? (
        <div className="actions">
          <button type="button" className={config ? undefined : 'primary'} onClick={() => setSetUp(true)}>
            {tr('ui.sync.setUp')}
          </button>
        </div>
      ) : (
        <p className="hint">{tr('ui.sync.adminOnly')}</p>
      )}
      {config && <SyncOperatorPanel />}
      {rights.isAdmin && config && <InvitationPanel />}
      {config && <QuarantineList />}
      {config && <WaitingList />}
      {setUp && (
        <SetUpDialog
          onClose={(connected) => {
            setSetUp(false);
            if (connected) reload();
          }}
        />
      )}
    </section>
  );
}

function SetUpDialog({ onClose }: { onClose: (connected: boolean) => void }) {
  const tr = useT();
  const session = useSession();
  const [address, setAddress] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    await connectBook(db, session, { address, username, password });
    onClose(true);
  });
  return (
    <DialogForm
      title={tr('ui.sync.setUp')}
      submitLabel={tr('ui.sync.connect')}
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
      onSubmit={submit}
    >
      <TextField
        label={tr('ui.sync.serverAddress')}
        type="url"
        value={address}
        onChange={setAddress}
        hint={tr('ui.sync.serverAddressHint')}
        autoFocus
      />
      <TextField label={tr('ui.sync.username')} value={username} onChange={setUsername} />
      <TextField label={tr('ui.sync.password')} type="password" value={password} onChange={setPassword} />
      {busy && <p role="status">{tr('ui.sync.connecting')}</p>}
    </DialogForm>
  );
}
