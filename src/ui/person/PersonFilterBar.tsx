/**
 * The person list's filters: Art, Status, Verwendungszweck — native selects (keyboard, touch and
 * screen readers work as everywhere), side by side on a tablet, stacked on a phone. Each choice
 * goes into the address, so a figure of the Übersicht can link to a filtered list.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { PERSON_KINDS } from '../../domain/person';
import {
  ANY_PURPOSE,
  isFiltering,
  NO_FILTER,
  NO_PURPOSE,
  STATUS_FILTERS,
  type PersonFilter,
} from '../../domain/personFilter';
import { listPurposes } from '../../data/queries/purposes';
import { db } from '../db';
import { useT } from '../i18n';
import { navigate } from '../route';
import { personListHref } from './filterQuery';

export function PersonFilterBar({ filter }: { filter: PersonFilter }) {
  const tr = useT();
  const purposes = useLiveQuery(() => listPurposes(db), [], []);
  const change = (changes: Partial<PersonFilter>) => navigate(personListHref({ ...filter, ...changes }));
  return (
    <fieldset className="person-filters">
      <legend className="visually-hidden">{tr('ui.persons.filter')}</legend>
      <div className="field">
        <label htmlFor="filter-kind">{tr('field.kind')}</label>
        <select
          id="filter-kind"
          value={filter.kind ?? ''}
          onChange={(e) => change({ kind: (e.target.value || null) as PersonFilter['kind'] })}
        >
          <option value="">{tr('ui.persons.filter.all')}</option>
          <option value="natural">{tr('ui.persons.filter.natural')}</option>
          {PERSON_KINDS.map((k) => (
            <option key={k} value={k}>
              {tr(`kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">{tr('ui.persons.filter.status')}</label>
        <select
          id="filter-status"
          value={filter.status ?? ''}
          onChange={(e) => change({ status: (e.target.value || null) as PersonFilter['status'] })}
        >
          <option value="">{tr('ui.persons.filter.all')}</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {tr(`ui.persons.filter.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-purpose">{tr('field.purposeId')}</label>
        <select
          id="filter-purpose"
          value={filter.purpose ?? ''}
          onChange={(e) => change({ purpose: e.target.value || null })}
        >
          <option value="">{tr('ui.persons.filter.all')}</option>
          <option value={ANY_PURPOSE}>{tr('ui.persons.filter.anyPurpose')}</option>
          <option value={NO_PURPOSE}>{tr('ui.persons.filter.noPurpose')}</option>
          {purposes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {isFiltering(filter) && (
        <button type="button" className="filter-reset" onClick={() => navigate(personListHref(NO_FILTER))}>
          {tr('ui.persons.filter.reset')}
        </button>
      )}
    </fieldset>
  );
}
