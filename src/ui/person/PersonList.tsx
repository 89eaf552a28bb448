/**
 * The person list, virtualised: only the ids of all persons are read (by index), and only the
 * rows in view are fetched with bulkGet, so 100,000 persons scroll as smoothly as 100.
 */
import { useDeferredValue, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { displayName, type Person } from '../../domain/person';
import { db } from '../db';
import { useT } from '../i18n';
import { href, navigate } from '../route';
import { useNotice } from '../stores';
import { useMediaQuery } from '../useMediaQuery';
import { searchPersonIds } from './search';
import { ImportDialog } from './ImportDialog';
import { LockIcon } from '../components/LockIcon';

export function PersonList() {
  const tr = useT();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [importing, setImporting] = useState(false);
  const { notice } = useNotice(window.location.hash || href('personen'));
  const result = useLiveQuery(() => searchPersonIds(db, deferredQuery), [deferredQuery]);
  const ids = result?.ids;
  const count = ids?.length.toLocaleString(tr.lang === 'de' ? 'de-DE' : 'en-GB') ?? '';

  return (
    <section className="screen persons" aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title">{tr('ui.nav.personen')}</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate(href('personen', 'neu'))}>
            {tr('ui.person.new')}
          </button>
          <button type="button" onClick={() => setImporting(true)}>
            {tr('ui.person.import')}
          </button>
        </div>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="search">
        <input type="search" aria-label={tr('ui.person.search')} placeholder={tr('ui.person.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="muted count" role="status">
        {ids === undefined
          ? tr('ui.loading')
          : result?.truncated
            ? tr('ui.person.countTruncated', { count })
            : tr(query ? 'ui.person.countFound' : 'ui.person.count', { count })}
      </p>
      {ids && ids.length === 0 && !query && <p className="empty">{tr('ui.person.empty')}</p>}
      {ids && ids.length > 0 && <VirtualRows ids={ids} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

function VirtualRows({ ids }: { ids: string[] }) {
  const tr = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useMediaQuery('(max-width: 640px)');
  const rowHeight = narrow ? 76 : 52;
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const windowIds = ids.slice(first, last + 1);
  // Live: a row edited elsewhere updates in place. Keyed by the window, not the whole list.
  const rows = useLiveQuery(() => db.persons.bulkGet(windowIds), [windowIds.join('|')]);

  return (
    <div className="list-frame">
      <div className="list-head" aria-hidden="true">
        <span>{tr('ui.person.col.name')}</span>
        <span>{tr('field.email')}</span>
        <span>{tr('field.phone')}</span>
        <span>{tr('field.city')}</span>
        <span>{tr('field.kind')}</span>
        <span />
      </div>
      <div ref={scrollRef} className="list-scroll" tabIndex={-1}>
        <ul className="list-body" style={{ height: virtualizer.getTotalSize() }} aria-label={tr('ui.nav.personen')}>
          {items.map((item) => {
            const person = rows?.[item.index - first];
            return (
              <li key={item.key} className="row" aria-setsize={ids.length} aria-posinset={item.index + 1} style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}>
                {person ? <PersonRow person={person} /> : <span className="row-link muted">…</span>}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function PersonRow({ person }: { person: Person }) {
  const tr = useT();
  return (
    <a className="row-link" href={href('personen', person.id)}>
      <span className="cell name">
        {person.lock && <LockIcon label={tr('ui.person.locked')} />}
        {displayName(person)}
      </span>
      <span className="cell email">{person.email}</span>
      <span className="cell phone">{person.phone}</span>
      <span className="cell city">{person.city}</span>
      <span className="cell kind">{tr(`kind.${person.kind}`)}</span>
    </a>
  );
}
