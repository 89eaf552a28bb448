/**
 * Who is left out of a campaign and why (data/queries/campaignLeftOut.ts decides): a line per
 * reason with its count, and the names on request — read only when "Namen anzeigen" is opened.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CAMPAIGN_LEFT_OUT_REASONS, type CampaignLeftOutReason } from '../../domain/campaign';
import { nameLeftOut } from '../../data/queries/campaignLeftOut';
import type { MessageKey } from '../../i18n/messages';
import { formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { LEFT_OUT_REASON_TEXT } from './leftOutReason';

/** The line saying how many were left out for a reason (before the campaign is made). */
export const LEFT_OUT_LINE: Record<CampaignLeftOutReason, MessageKey> = {
  locked: 'ui.campaign.lockedLeftOut',
  objected: 'ui.campaign.objectedLeftOut',
  withdrawn: 'ui.campaign.withdrawnLeftOut',
};

/** How many of the left out have each reason. */
export function countByReason(leftOut: ReadonlyMap<string, CampaignLeftOutReason>): Map<CampaignLeftOutReason, number> {
  const counts = new Map<CampaignLeftOutReason, number>();
  for (const reason of leftOut.values()) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return counts;
}

/** The names of the left out, each with their reason; loaded when the disclosure opens. */
export function LeftOutNames({ leftOut }: { leftOut: ReadonlyMap<string, CampaignLeftOutReason> }) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  const named = useLiveQuery(() => (open ? nameLeftOut(db, leftOut) : Promise.resolve(null)), [open, leftOut]);
  return (
    <details className="left-out-names" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{tr('ui.campaign.leftOutNames')}</summary>
      {named && (
        <ul>
          {named.map((p) => (
            <li key={p.personId}>
              {tr('ui.campaign.leftOutName', { name: p.name, reason: tr(LEFT_OUT_REASON_TEXT[p.reason]) })}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** Before a campaign is made: a warning line per reason, and the names on request. */
export function LeftOutNote({ leftOut }: { leftOut: ReadonlyMap<string, CampaignLeftOutReason> }) {
  const tr = useT();
  if (leftOut.size === 0) return null;
  const counts = countByReason(leftOut);
  return (
    <>
      {CAMPAIGN_LEFT_OUT_REASONS.filter((r) => counts.has(r)).map((r) => (
        <p key={r} className="warning">
          {tr(LEFT_OUT_LINE[r], { count: formatNumber(tr.lang, counts.get(r) ?? 0) })}
        </p>
      ))}
      <LeftOutNames leftOut={leftOut} />
    </>
  );
}
