/**
 * Recipients and processors of the Verzeichnis (Art. 30(1)(d), Art. 28) as rows of text — shared by
 * the PDF and the Verzeichnis screen. The sync server's operator is listed once sync is configured,
 * whether or not anyone named it: it receives every (sealed) record. The entry chosen as its
 * operator says so in its own row (with its country and contract); while none is chosen a row of
 * the server's address says where to record it. An entry narrowed to some purposes names them.
 */
import { joinNonEmpty } from '../domain/address';
import type { UncheckedRegister } from '../domain/overview';
import type { Recipient } from '../domain/recipients';
import { formatDate } from '../i18n/locale';
import { t, type Language } from '../i18n/messages';
import { syncOperatorLabel, transferBasisText } from './bookRecipients';

type Row = [name: string, role: string, country: string, transfer: string, contract: string];

/** Name, role, country, the third-country transfer's basis (Art. 30(1)(e)), contract — one row per entry. */
export function recipientRows(
  lang: Language,
  r: Pick<UncheckedRegister, 'recipients' | 'syncProcessor' | 'activities'>,
): Row[] {
  const server = r.syncProcessor?.server;
  const operator = r.syncProcessor?.operator ?? null;
  const activities = r.activities.map((a) => ({ id: a.purposeId, name: a.name }));
  const rows = r.recipients.map((x): Row => [
    server && x.id === operator?.id
      ? syncOperatorLabel(lang, server, operator) // it holds every record, whatever purposes it names
      : joinNonEmpty('\n', [
          x.name,
          x.purposeIds.length
            ? t(lang, 'register.recipients.onlyFor', { purposes: purposeNamesOf(x, activities) })
            : '',
        ]),
    t(lang, `register.recipients.role.${x.role}`),
    x.country || '—',
    transferBasisText(lang, x),
    contractText(lang, x),
  ]);
  if (server && !operator)
    rows.push([
      syncOperatorLabel(lang, server, null),
      t(lang, 'register.recipients.role.processor'),
      '—',
      '—',
      t(lang, 'register.recipients.syncContract'),
    ]);
  return rows;
}

/** The names of the purposes an entry is narrowed to, as they are now; one unknown here is left out. */
export function purposeNamesOf(
  x: Pick<Recipient, 'purposeIds'>,
  purposes: readonly { id: string; name: string }[],
): string {
  return x.purposeIds.flatMap((id) => purposes.find((p) => p.id === id)?.name ?? []).join(', ');
}

function contractText(lang: Language, x: Recipient): string {
  if (x.contractDate) return t(lang, 'register.recipients.contractOf', { date: formatDate(lang, x.contractDate) });
  return x.role === 'processor' ? t(lang, 'register.recipients.noContract') : '—';
}
