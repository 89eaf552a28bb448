/** A failed check's problem as every audit screen names it, and the entry found at its place. */
import type { ChainVerdict } from '../../domain/auditChain';
import { auditFigure } from '../../domain/overview';
import { formatDateTime } from '../../i18n/locale';
import { labelOf, useLang, useT } from '../i18n';
import { deviceName, shortDevice } from './checkCounts';

/** The problem's sentence: its number in its own chain, the other device's chain it is in, who reported it. */
export function ChainProblem({ verdict }: { verdict: Extract<ChainVerdict, { ok: false }> }) {
  const tr = useT();
  return (
    <>
      {tr(`ui.audit.problem.${verdict.problem}`, { seq: auditFigure(verdict).seq })}
      {verdict.device && (
        <> {tr('ui.audit.chainOf', { device: deviceName(tr, verdict.device, verdict.deviceUsers) })}</>
      )}
      {verdict.reportedBy && <> {tr('ui.audit.reportedBy', { device: shortDevice(verdict.reportedBy) })}</>}
    </>
  );
}

/** The entry a failed check found at the problem's place, named by time, action and user (after the problem's sentence). */
export function ProblemEntry({
  entry,
}: {
  entry: { at: string; action: string; userName: string } | null | undefined;
}) {
  const tr = useT();
  const lang = useLang();
  if (!entry) return null;
  return (
    <>
      {' '}
      {tr('ui.audit.problemEntry', {
        at: formatDateTime(lang, entry.at),
        action: labelOf(tr, `action.${entry.action}`),
        user: entry.userName,
      })}
    </>
  );
}
