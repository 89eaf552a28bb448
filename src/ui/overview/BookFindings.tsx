/**
 * The book's own gaps as open work (domain/bookFindings.ts): a controller incomplete, a purpose on
 * legitimate interest that does not name it, a transfer to
 * a third country without its basis, a processor without a contract, the sync server's operator
 * without one — each named, as a link to where it is fixed in Einstellungen. On the Übersicht always; on the Prüfliste only when any.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { BookFinding } from '../../domain/bookFindings';
import { collectBookFindings } from '../../data/queries/bookFindings';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { controllerHref, purposeHref, recipientHref, syncOperatorHref } from '../settings/settingsLinks';

export function BookFindings({ className, hideWhenNone = false }: { className: string; hideWhenNone?: boolean }) {
  const tr = useT();
  const findings = useLiveQuery(() => collectBookFindings(db), []);
  if (!findings || (hideWhenNone && findings.length === 0)) return null;
  return (
    <section className={`${className} book-findings`} aria-labelledby="book-findings-title">
      <h2 id="book-findings-title">
        {tr('ui.overview.findings')}
        {findings.length > 0 && ` (${findings.length})`}
      </h2>
      {findings.length === 0 ? (
        <p className="muted">{tr('ui.overview.findings.none')}</p>
      ) : (
        <>
          <p className="warning">{tr('ui.overview.findings.intro')}</p>
          <ul>
            {findings.map((f) => (
              <li key={findingKey(f)}>
                <a href={findingHref(f)}>{findingText(tr, f)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function findingKey(f: BookFinding): string {
  if (f.kind === 'controller') return f.kind;
  return `${f.kind}-${f.kind === 'legitimateInterest' ? f.purposeId : f.recipientId}`;
}

/**
 * Where a finding is mended: the controller's section, the purpose's details, the recipient's
 * entry — the sync operator's too, for its contract date — or the choice of the sync operator while
 * none is chosen.
 */
function findingHref(f: BookFinding): string {
  if (f.kind === 'controller') return controllerHref();
  if (f.kind === 'legitimateInterest') return purposeHref(f.purposeId);
  return f.recipientId ? recipientHref(f.recipientId) : syncOperatorHref();
}

function findingText(tr: Translate, f: BookFinding): string {
  switch (f.kind) {
    case 'controller':
      return tr('ui.overview.findings.controller', {
        missing: f.missing.map((part) => tr(`error.controllerMissing.${part}`)).join(', '),
      });
    case 'legitimateInterest':
      return tr('ui.overview.findings.legitimateInterest', { name: f.name });
    case 'transferBasis':
      return tr('ui.overview.findings.transferBasis', { name: f.name, country: f.country });
    case 'contract':
      return tr('ui.overview.findings.contract', { name: f.name });
    case 'syncOperator':
      return tr('ui.overview.findings.syncOperator', { operator: f.name ? `${f.name} (${f.server})` : f.server });
  }
}
