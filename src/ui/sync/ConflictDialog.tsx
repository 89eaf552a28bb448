/**
 * "Konflikt lösen": every field whose versions differ, each version's value to pick — a field only
 * one side changed preselected from that side, else the shown one; a version its checks refuse
 * named, not offered — then "Änderung begründen" (it is a change of personal data), and the engine
 * writes the merge and drops the losing versions together, with one audit entry.
 */
import { useEffect, useState } from 'react';
import { conflictingFields, mergeVersions, uncontestedPicks, type MergeableField } from '../../domain/conflict';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import { conflictVersions, resolveConflict, type ConflictVersion } from '../../data/sync';
import { usersAndGroups } from '../../data/queries/users';
import { db } from '../db';
import { fieldLabel, useT, type Translate, errorMessage, type AlertMessage } from '../i18n';
import { useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReasonDialog } from '../person/ReasonDialog';
import { refusalText } from './refusalText';
import { shortDevice } from '../audit/checkCounts';

interface ConflictDialogProps {
  personId: string;
  purposes: readonly Purpose[];
  /** `true` once resolved. */
  onClose: (resolved: boolean) => void;
}

export function ConflictDialog({ personId, purposes, onClose }: ConflictDialogProps) {
  const tr = useT();
  const session = useSession();
  const [versions, setVersions] = useState<ConflictVersion[] | null>(null);
  const [picks, setPicks] = useState<Partial<Record<MergeableField, number>>>({});
  const [step, setStep] = useState<'pick' | 'reason'>('pick');
  const [error, setError] = useState<AlertMessage | null>(null);
  const [userNames, setUserNames] = useState(new Map<string, string>());
  useEffect(() => {
    void usersAndGroups(db).then(({ users }) => setUserNames(new Map(users.map((u) => [u.id, u.name]))));
  }, []);
  useEffect(() => {
    // The shown (winning) version first: it is what every unpicked field keeps.
    conflictVersions(db, personId).then(
      (v) => {
        const sorted = [...v].sort((a, b) => Number(b.winner) - Number(a.winner));
        setVersions(sorted);
        // A field only one side changed starts with that side's value (nobody contested it).
        const offered = sorted.filter(isOffered);
        const fields = conflictingFields(offered.map((x) => x.person));
        setPicks(
          uncontestedPicks(
            fields,
            offered.map((x) => x.changed),
          ),
        );
      },
      (e: unknown) => setError(errorMessage(tr, e)),
    );
  }, [personId, tr]);

  // Only the versions their checks accept are offered; a refused one is named and dropped.
  const offered = versions?.filter(isOffered) ?? [];
  const persons = offered.map((v) => v.person);
  const fields = conflictingFields(persons);
  const author = (v: ConflictVersion) => userNames.get(v.author) ?? v.author;

  if (step === 'reason' && versions) {
    const merged = mergeVersions(persons, picks);
    // The fields the resolution changes against the shown version (all in conflict when it keeps it).
    const changes = conflictingFields([persons[0], merged]);
    return (
      <ReasonDialog
        title={tr('ui.reason.title')}
        fieldKeys={changes.length ? changes : fields}
        purposes={purposes}
        defaultPurposeId={merged.purposeId}
        confirmLabel={tr('ui.confirm')}
        onConfirm={async (reason) => {
          try {
            await resolveConflict(db, session, personId, merged, reason);
            onClose(true);
          } catch (e) {
            setError(errorMessage(tr, e));
            setStep('pick');
          }
        }}
        onCancel={() => setStep('pick')}
      />
    );
  }

  return (
    <Dialog title={tr('ui.conflict.resolve')} onCancel={() => onClose(false)}>
      <form
        className="stack conflict-form"
        noValidate
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          setStep('reason');
        }}
      >
        <p>{tr('ui.conflict.intro')}</p>
        {!versions && !error && <p role="status">{tr('ui.loading')}</p>}
        {versions && (
          <ol className="conflict-versions">
            {offered.map((v, i) => (
              <li key={v.rev}>
                {tr(v.winner ? 'ui.conflict.shown' : 'ui.conflict.version', { n: i + 1 })}:{' '}
                {tr('ui.conflict.by', {
                  author: author(v),
                  // Devices are named by random ids: the first group tells them apart.
                  device: shortDevice(v.device),
                })}
              </li>
            ))}
          </ol>
        )}
        {versions?.some((v) => v.refused) && (
          <div className="warning" role="note">
            <p>{tr('ui.conflict.refusedIntro')}</p>
            <ul>
              {versions.flatMap((v) =>
                v.refused
                  ? [
                      <li key={v.rev}>
                        {tr('ui.conflict.by', { author: author(v), device: shortDevice(v.device) })}:{' '}
                        {refusalText(tr, { reason: '', refusal: v.refused }, userNames)}
                      </li>,
                    ]
                  : [],
              )}
            </ul>
            {fields.length === 0 && <p>{tr('ui.conflict.onlyShown')}</p>}
          </div>
        )}
        {fields.map((field) => (
          <fieldset key={field} className="conflict-field">
            <legend>{fieldLabel(tr, field)}</legend>
            {persons.map((p, i) => (
              <label key={i} className="conflict-choice">
                <input
                  type="radio"
                  name={`conflict-${field}`}
                  checked={(picks[field] ?? 0) === i}
                  onChange={() => setPicks((s) => ({ ...s, [field]: i }))}
                />
                <span className="conflict-text">
                  <span className="conflict-value">{valueText(tr, field, p, purposes)}</span>
                  <span className="conflict-which muted">
                    {tr('ui.conflict.version', { n: i + 1 })}
                    {changeNote(tr, offered[i].changed, field)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={!versions}>
            {tr('ui.conflict.next')}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A version its checks accept: offered to pick from. */
function isOffered(v: ConflictVersion): v is ConflictVersion & { person: Person } {
  return v.person !== null;
}

/** Whether the version changed the field since both branched (nothing when that is not known). */
function changeNote(tr: Translate, changed: readonly MergeableField[] | undefined, field: MergeableField): string {
  if (!changed) return '';
  return ` · ${tr(changed.includes(field) ? 'ui.conflict.changed' : 'ui.conflict.unchanged')}`;
}

/** A field's value as a person reads it; empty ones say so, so the choice is visible. */
function valueText(tr: Translate, field: MergeableField, p: Person, purposes: readonly Purpose[]): string {
  const text = (() => {
    switch (field) {
      case 'kind':
        return tr(`kind.${p.kind}`);
      case 'private':
        return p.private ? tr('report.yes') : tr('report.no');
      case 'purposeId':
        return purposes.find((x) => x.id === p.purposeId)?.name ?? '';
      case 'furtherPhones':
        return p.furtherPhones.join(', ');
      case 'bankAccounts':
        return p.bankAccounts.map((b) => b.iban).join(', ');
      default:
        return p[field];
    }
  })();
  return text.trim() ? text : tr('ui.conflict.empty');
}
