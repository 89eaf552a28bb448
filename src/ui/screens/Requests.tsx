/**
 * Anfragen: the register of data-subject requests (Art. 12(3), 15–21) with the whole-database
 * export (Art. 20), and the breach register (Art. 33) as a second tab. The tab lives in the URL
 * (#/anfragen, #/anfragen/datenpannen), so a reload or a link from the overview keeps it.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { href, navigate, useRoute } from '../route';
import { RequestRegister } from '../requests/RequestRegister';
import { BreachRegister } from '../requests/BreachRegister';
import { ExportAll } from '../rights/ExportAll';
import '../requests/requests.css';

const TABS = [
  { id: 'requests', segment: '', label: 'ui.requests.tab.requests' },
  { id: 'breaches', segment: 'datenpannen', label: 'ui.requests.tab.breaches' },
] as const;

export default function RequestsScreen() {
  const tr = useT();
  const route = useRoute();
  const current = route.rest[0] === 'datenpannen' ? 'breaches' : 'requests';
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  function select(index: number, focus = false) {
    const tab = TABS[index];
    navigate(tab.segment ? href('anfragen', tab.segment) : href('anfragen'));
    if (focus) tabRefs.current[index]?.focus();
  }

  // WAI-ARIA tabs: arrow keys, Home and End move between tabs and select them.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const index = TABS.findIndex((t) => t.id === current);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select((next + TABS.length) % TABS.length, true);
  }

  return (
    <section className="screen requests" aria-labelledby="screen-title">
      <h1 id="screen-title">{tr('ui.nav.anfragen')}</h1>
      <div className="tabs" role="tablist" aria-label={tr('ui.requests.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={current === tab.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={current === tab.id ? 0 : -1}
            onClick={() => select(i)}
          >
            {tr(tab.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} className="tab-panel">
        {current === 'requests' ? (
          <>
            <RequestRegister />
            <ExportAll />
          </>
        ) : (
          <BreachRegister />
        )}
      </div>
    </section>
  );
}
