/**
 * "Anfrage abschließen" after what a request asked for was done, or "Anfrage ablehnen" when an
 * erasure is refused (the reason is told to the person, Art. 12(4)). Offen lassen keeps it open.
 */
import { useId, useState } from 'react';
import { closeRequestsBy } from '../../data/commands/requests';
import { formatDate } from '../../i18n/locale';
import { DialogForm } from '../components/DialogForm';
import { refuse, useSubmit } from '../components/useSubmit';
import { db } from '../db';
import { useT } from '../i18n';
import { useNoticeStore, useSession } from '../stores';
import { useFollowUp, type FollowUpOffer } from './followUpStore';

export function FollowUpDialog({ offer }: { offer: FollowUpOffer }) {
  const tr = useT();
  const id = useId();
  const session = useSession();
  const setOffer = useFollowUp((s) => s.setOffer);
  const setNotice = useNoticeStore((s) => s.setNotice);
  const refused = offer.action === 'refused';
  const [reason, setReason] = useState(offer.reason);
  const date = formatDate(tr.lang, offer.at);
  const count = offer.requests.length;

  const { error, busy, submit } = useSubmit(async () => {
    if (refused && !reason.trim()) refuse(tr('error.rejectionReason'));
    const ids = offer.requests.map((r) => r.id);
    await closeRequestsBy(
      db,
      session,
      ids,
      offer.action === 'refused' ? { action: 'refused', reason } : { action: offer.action },
      offer.at,
    );
    setOffer(null);
    setNotice(tr(refused ? 'ui.followUp.refusedNotice' : 'ui.followUp.closedNotice', { count }));
  });

  return (
    <DialogForm
      title={tr(refused ? 'ui.followUp.refuseTitle' : 'ui.followUp.title')}
      submitLabel={tr(refused ? 'ui.followUp.refuse' : 'ui.followUp.close', { count })}
      cancelLabel={tr('ui.followUp.keepOpen')}
      onSubmit={submit}
      onCancel={() => setOffer(null)}
      busy={busy}
      error={error}
    >
      <p>{tr(refused ? 'ui.followUp.refuseIntro' : 'ui.followUp.intro', { count })}</p>
      <ul>
        {offer.requests.map((r) => (
          <li key={r.id}>
            {tr('ui.followUp.request', {
              kind: tr(`ui.requests.kind.${r.kind}`),
              received: formatDate(tr.lang, r.receivedAt),
              due: formatDate(tr.lang, r.dueDate),
            })}
          </li>
        ))}
      </ul>
      {refused ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{tr('ui.requests.rejectReason')}</label>
          <textarea
            autoComplete="off"
            id={`${id}-reason`}
            rows={4}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            data-autofocus=""
          />
        </div>
      ) : (
        <p>
          <strong>{tr(`ui.requests.outcome.${offer.action}`, { date })}</strong>
        </p>
      )}
    </DialogForm>
  );
}
