/**
 * Likely duplicates with a choice each: skip, import anyway, or merge into a stored person. The
 * suggestion skips the same e-mail or name and postal code, and imports a shared phone number
 * alone; one choice for all replaces it; the first ones can be decided singly.
 */
import { displayName } from '../../domain/person';
import type { CandidateDuplicates, DuplicateReason, ImportCandidate } from '../../formats/import';
import { useT, type Translate } from '../i18n';
import {
  IMPORT,
  SKIP,
  chosenDecision,
  effectiveDecision,
  mergeDecision,
  mergeTargets,
  type Decision,
  type StoredBrief,
} from './plan';

/** More selects than this make the dialog sluggish; the rest follow the choice for all. */
const SHOWN = 100;

interface DuplicatesProps {
  items: Array<{ index: number; candidate: ImportCandidate; dups: CandidateDuplicates }>;
  /** How candidate `index` is named: its line, and its file when several were chosen. */
  entry: (index: number) => string;
  stored: ReadonlyMap<string, StoredBrief>;
  decisions: Readonly<Partial<Record<number, Decision>>>;
  /** null: each follows the suggestion. */
  forAll: Decision | null;
  onDecide: (index: number, decision: Decision) => void;
  onDecideAll: (decision: Decision | null) => void;
  disabled?: boolean;
}

const reasonsText = (tr: Translate, reasons: readonly DuplicateReason[]) =>
  reasons.map((r) => tr(`ui.import.reason.${r}`)).join(', ');

export function Duplicates({
  items,
  entry,
  stored,
  decisions,
  forAll,
  onDecide,
  onDecideAll,
  disabled,
}: DuplicatesProps) {
  const tr = useT();
  const anyMergeable = items.some((d) => mergeTargets(d.dups, stored).length > 0);
  return (
    <section className="import-section" aria-labelledby="import-dup-title">
      <h3 id="import-dup-title">{tr('ui.import.duplicates', { count: items.length })}</h3>
      <p className="hint">{tr('ui.import.duplicates.intro')}</p>
      {items.length > 1 && (
        <div className="field import-dup-all">
          <label htmlFor="import-dup-all">{tr('ui.import.duplicates.all')}</label>
          <select
            id="import-dup-all"
            value={forAll ?? ''}
            disabled={disabled}
            onChange={(e) => onDecideAll(e.target.value || null)}
          >
            <option value="">{tr('ui.import.duplicates.suggested')}</option>
            <option value={SKIP}>{tr('ui.import.duplicates.skip')}</option>
            <option value={IMPORT}>{tr('ui.import.duplicates.import')}</option>
            {anyMergeable && <option value="merge">{tr('ui.import.duplicates.mergeFirst')}</option>}
          </select>
        </div>
      )}
      <ul className="import-dups">
        {items.slice(0, SHOWN).map(({ index, candidate, dups }) => {
          const targets = mergeTargets(dups, stored);
          const value = effectiveDecision(chosenDecision(decisions, forAll, dups, index), dups, stored);
          const selectId = `import-dup-${index}`;
          return (
            <li key={index}>
              <div className="import-dup-text">
                <strong>
                  {entry(index)}: {displayName(candidate.person)}
                </strong>
                <ul>
                  {dups.existing.map((e) => {
                    const p = stored.get(e.id);
                    const name = p?.name ?? e.id;
                    return (
                      <li key={e.id}>
                        {tr('ui.import.duplicates.matchesStored', { name, reasons: reasonsText(tr, e.reasons) })}
                        {p?.locked && <span className="muted"> {tr('ui.import.duplicates.locked', { name })}</span>}
                      </li>
                    );
                  })}
                  {dups.inFile
                    .filter((f) => f.index < index)
                    .map((f) => (
                      <li key={`f${f.index}`}>
                        {tr('ui.import.duplicates.matchesLine', {
                          entry: entry(f.index),
                          reasons: reasonsText(tr, f.reasons),
                        })}
                      </li>
                    ))}
                </ul>
              </div>
              <div className="field">
                <label htmlFor={selectId} className="visually-hidden">
                  {tr('ui.import.duplicates.choiceLabel', { entry: entry(index) })}
                </label>
                <select
                  id={selectId}
                  value={value}
                  disabled={disabled}
                  onChange={(e) => onDecide(index, e.target.value)}
                >
                  <option value={SKIP}>{tr('ui.import.duplicates.skip')}</option>
                  <option value={IMPORT}>{tr('ui.import.duplicates.import')}</option>
                  {targets.map((t) => (
                    <option key={t.id} value={mergeDecision(t.id)}>
                      {tr('ui.import.duplicates.merge', { name: t.name })}
                    </option>
                  ))}
                </select>
              </div>
            </li>
          );
        })}
      </ul>
      {items.length > SHOWN && (
        <p className="hint">{tr('ui.import.duplicates.moreFollowAll', { count: items.length - SHOWN })}</p>
      )}
    </section>
  );
}
