/**
 * The person form's fields in sections. On a phone the form is long, so Anschrift,
 * Kommunikation, Bankverbindung and Zweck & Notiz fold: each starts open on wider screens, for a
 * new person, or when it holds something; a section with a problem opens by itself. Further
 * parts of the person view go below the form (PersonForm), not in here.
 */
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { PERSON_KINDS, type Person, type PersonKind } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import type { FieldProblem } from '../../domain/validation';
import { findNoteLeaks } from '../../domain/noteLeak';
import { useT } from '../i18n';
import { CheckboxField } from '../components/CheckboxField';
import { Select, TextInput } from './fields';
import { BankAccounts } from './BankAccounts';
import { FurtherPhones } from './FurtherPhones';
import { PurposeSelect } from './PurposeSelect';
import { ConsentGapNote } from './ConsentGapNote';

/**
 * The salutations offered beside Anrede's text field (a textbox, as the UI contract names it: any
 * other salutation can be typed, and one from an import is kept and offered as it is).
 */
const SALUTATIONS = [
  { value: 'Herr', label: 'ui.person.salutation.mr' },
  { value: 'Frau', label: 'ui.person.salutation.ms' },
  { value: 'divers', label: 'ui.person.salutation.diverse' },
  { value: '', label: 'ui.person.salutation.none' },
] as const;

/** The fields entered as one line of text. */
type TextKey = keyof Pick<
  Person,
  | 'title'
  | 'firstName'
  | 'lastName'
  | 'organisation'
  | 'position'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'country'
  | 'phone'
  | 'fax'
  | 'email'
>;

const PHONE = '(max-width: 640px)';
function subscribeToWidth(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const usePhone = () => useSyncExternalStore(subscribeToWidth, () => window.matchMedia(PHONE).matches);

interface FoldProps {
  title: string;
  disabled: boolean;
  /** Open at first on a phone: the section holds something, or the person is new. */
  filled: boolean;
  hasProblem: boolean;
  /** Counts the saves refused for problems: a section with a problem then opens. */
  attempt: number;
  children: ReactNode;
}

function Fold({ title, disabled, filled, hasProblem, attempt, children }: FoldProps) {
  const phone = usePhone();
  // The user's choice once made (the toggle reports the element's state, so it stays in step).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [seenAttempt, setSeenAttempt] = useState(attempt);
  if (attempt !== seenAttempt) {
    setSeenAttempt(attempt);
    if (hasProblem) setChosen(true);
  }
  const open = chosen ?? (!phone || filled || hasProblem);
  return (
    <details className="group fold" open={open} onToggle={(e) => setChosen(e.currentTarget.open)}>
      <summary>{title}</summary>
      <fieldset disabled={disabled} className="fold-body">
        <legend className="visually-hidden">{title}</legend>
        {children}
      </fieldset>
    </details>
  );
}

export interface PersonFieldsProps {
  draft: Person;
  isNew: boolean;
  readOnly: boolean;
  /** The hint under Art: natural person (watched fields), GDPR support off, or not natural. */
  kindHint: string;
  purposes: Purpose[];
  /** The purposes' live query has not answered yet. */
  purposesLoading: boolean;
  /** The stored person, for the consent-gap note under the purpose. */
  stored?: Person;
  update: (changes: Partial<Person>) => void;
  problemAt: (field: string) => FieldProblem | undefined;
  touch: (field: string) => () => void;
  /** See Fold. */
  attempt: number;
}

export function PersonFields(props: PersonFieldsProps) {
  const { draft, isNew, readOnly, kindHint, purposes, purposesLoading, stored, update, problemAt, touch, attempt } =
    props;
  const tr = useT();
  const leaks = findNoteLeaks(draft.note);
  const text = (key: TextKey, label = tr(`field.${key}`), type: 'text' | 'email' | 'tel' = 'text') => (
    <TextInput
      label={label}
      value={draft[key]}
      onChange={(v) => update({ [key]: v })}
      onBlur={touch(key)}
      problem={problemAt(key)}
      type={type}
    />
  );
  const anyProblem = (...prefixes: string[]) => prefixes.some((p) => problemAt(p) !== undefined);
  const salutations: { value: string; label: string }[] = SALUTATIONS.map((s) => ({
    value: s.value,
    label: tr(s.label),
  }));
  if (!salutations.some((s) => s.value === draft.salutation))
    salutations.unshift({ value: draft.salutation, label: draft.salutation });
  const showBank = draft.kind === 'customer' || draft.bankAccounts.length > 0;

  return (
    <>
      <fieldset disabled={readOnly} className="group">
        <legend>{tr('ui.person.group.kind')}</legend>
        <div className="row2">
          <Select
            label={tr('field.kind')}
            value={draft.kind}
            onChange={(v) => update({ kind: v as PersonKind })}
            options={PERSON_KINDS.map((k) => ({ value: k, label: tr(`kind.${k}`) }))}
          />
          <CheckboxField
            label={tr('field.private')}
            checked={draft.kind === 'contact' || draft.private}
            disabled={draft.kind === 'contact'}
            onChange={(checked) => update({ private: checked })}
            hint={draft.kind === 'contact' ? tr('ui.person.privateContact') : tr('ui.person.privateHint')}
          />
        </div>
        <p className="hint">{kindHint}</p>
      </fieldset>

      <fieldset disabled={readOnly} className="group">
        <legend>{tr('ui.person.group.name')}</legend>
        <div className="row4">
          <TextInput
            label={tr('field.salutation')}
            value={draft.salutation}
            onChange={(salutation) => update({ salutation })}
            onBlur={touch('salutation')}
            problem={problemAt('salutation')}
            className="salutation"
            beside={
              <select
                aria-label={tr('ui.person.salutation.choose')}
                value={draft.salutation}
                onChange={(e) => update({ salutation: e.target.value })}
              >
                {salutations.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            }
          />
          {text('title')}
          {text('firstName')}
          {text('lastName')}
        </div>
        <div className="row2">
          {text('organisation')}
          {text('position')}
        </div>
      </fieldset>

      <Fold
        title={tr('ui.person.group.address')}
        disabled={readOnly}
        attempt={attempt}
        filled={isNew || !!(draft.street || draft.postalCode || draft.city || draft.country)}
        hasProblem={anyProblem('street', 'postalCode', 'city', 'country')}
      >
        <div className="row4 address">
          {text('street')}
          {text('postalCode')}
          {text('city')}
          {text('country')}
        </div>
      </Fold>

      <Fold
        title={tr('ui.person.group.contact')}
        disabled={readOnly}
        attempt={attempt}
        filled={isNew || !!(draft.phone || draft.fax || draft.email || draft.furtherPhones.length)}
        hasProblem={
          anyProblem('phone', 'fax', 'email') || draft.furtherPhones.some((_, i) => anyProblem(`furtherPhones.${i}`))
        }
      >
        <div className="row3">
          {text('phone', undefined, 'tel')}
          {text('fax', undefined, 'tel')}
          {text('email', undefined, 'email')}
        </div>
        <FurtherPhones
          phones={draft.furtherPhones}
          onChange={(furtherPhones) => update({ furtherPhones })}
          problemFor={(i) => problemAt(`furtherPhones.${i}`)}
          onBlur={(i) => touch(`furtherPhones.${i}`)()}
        />
      </Fold>

      {showBank && (
        <Fold
          title={tr('field.bankAccounts')}
          disabled={readOnly}
          attempt={attempt}
          filled={isNew || draft.bankAccounts.length > 0}
          hasProblem={
            anyProblem('bankAccounts') ||
            draft.bankAccounts.some((_, i) =>
              anyProblem(...['iban', 'bic', 'holder'].map((k) => `bankAccounts.${i}.${k}`)),
            )
          }
        >
          <BankAccounts
            accounts={draft.bankAccounts}
            onChange={(bankAccounts) => update({ bankAccounts })}
            problemFor={problemAt}
            onBlur={(field) => touch(field)()}
          />
        </Fold>
      )}

      <Fold
        title={tr('ui.person.group.purpose')}
        disabled={readOnly}
        attempt={attempt}
        filled={isNew || !!(draft.purposeId || draft.note)}
        hasProblem={anyProblem('purposeId', 'note')}
      >
        <PurposeSelect
          purposes={purposes}
          loading={purposesLoading}
          value={draft.purposeId}
          onChange={(purposeId) => update({ purposeId })}
        />
        {stored && <ConsentGapNote personId={stored.id} purposeId={stored.purposeId} purposes={purposes} />}
        <TextInput
          label={tr('field.note')}
          value={draft.note}
          multiline
          onChange={(note) => update({ note })}
          onBlur={touch('note')}
          problem={problemAt('note')}
          note={
            leaks.length > 0 && (
              <div role="status" className="warning">
                {leaks.map((k) => (
                  <p key={k}>{tr(`noteLeak.${k}`)}</p>
                ))}
              </div>
            )
          }
        />
      </Fold>
    </>
  );
}
