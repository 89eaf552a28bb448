/**
 * "Gerät hinzufügen": makes an invitation and shows it in the read-only textbox "Einladung", with
 * its QR code (the generator loads only here) and its expiry. Administrators only.
 */
import { useEffect, useState } from 'react';
import { inviteDevice } from '../../data/sync/setup';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';

export function InvitationPanel() {
  const tr = useT();
  const session = useSession();
  const [invitation, setInvitation] = useState<{ code: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [copied, setCopied] = useState(false);

  async function invite() {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setInvitation(await inviteDevice(db, session));
    } catch (e) {
      setError(errorMessage(tr, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="invitation">
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void invite()}>
          {tr('ui.sync.addDevice')}
        </button>
      </div>
      <ErrorAlert message={error} />
      {invitation && (
        <div className="invitation-code">
          <div className="field">
            <label htmlFor="sync-invitation">{tr('ui.sync.invitation')}</label>
            <textarea
              id="sync-invitation"
              readOnly
              rows={4}
              autoComplete="off"
              spellCheck={false}
              value={invitation.code}
              aria-describedby="sync-invitation-hint"
              onFocus={(e) => e.currentTarget.select()}
            />
            <p id="sync-invitation-hint" className="hint">
              {tr('ui.sync.invitationHint', { time: formatDateTime(tr.lang, invitation.expiresAt) })}
            </p>
          </div>
          <div className="actions">
            <button
              type="button"
              onClick={() => void navigator.clipboard.writeText(invitation.code).then(() => setCopied(true))}
            >
              {tr('ui.sync.copy')}
            </button>
            {copied && <span role="status">{tr('ui.sync.copied')}</span>}
          </div>
          <QrCode text={invitation.code} label={tr('ui.sync.qr')} />
        </div>
      )}
    </div>
  );
}

/** The code as a QR symbol, drawn as one SVG path from the module matrix (no markup injected). */
function QrCode({ text, label }: { text: string; label: string }) {
  const [path, setPath] = useState<{ d: string; size: number } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qr').then(({ encodeQR }) => {
      const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 2 });
      const d = modules.flatMap((row, y) => row.flatMap((on, x) => (on ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
      if (live) setPath({ d, size: modules.length });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!path) return null;
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${path.size} ${path.size}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
