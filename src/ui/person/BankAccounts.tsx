/**
 * The person form's bank accounts (shown for customers, or when one is held): IBAN, BIC, holder
 * per account. Inside the form's Bankverbindung section, which names and disables the group.
 */
import type { BankAccount } from '../../domain/person';
import type { FieldProblem } from '../../domain/validation';
import { useT } from '../i18n';
import { TextInput } from './fields';
import { EMPTY_ACCOUNT } from './draft';

interface BankAccountsProps {
  accounts: BankAccount[];
  onChange: (accounts: BankAccount[]) => void;
  problemFor: (field: string) => FieldProblem | undefined;
  onBlur: (field: string) => void;
}

export function BankAccounts({ accounts: held, onChange, problemFor, onBlur }: BankAccountsProps) {
  const tr = useT();
  // One empty account to fill in when none is held yet.
  const accounts = held.length ? held : [EMPTY_ACCOUNT];
  const listProblem = problemFor('bankAccounts');
  return (
    <>
      {listProblem && (
        <p className="field-error" role="alert">
          {tr(listProblem.messageKey)}
        </p>
      )}
      {accounts.map((account, i) => {
        const n = i === 0 ? '' : ` ${i + 1}`;
        const set = (changes: Partial<BankAccount>) =>
          onChange(accounts.map((a, j) => (j === i ? { ...a, ...changes } : a)));
        const input = (key: keyof BankAccount, label: string) => (
          <TextInput
            label={label + n}
            value={account[key]}
            onChange={(value) => set({ [key]: value })}
            onBlur={() => onBlur(`bankAccounts.${i}.${key}`)}
            problem={problemFor(`bankAccounts.${i}.${key}`)}
          />
        );
        return (
          <div className="row3 account" key={i}>
            {input('iban', tr('field.iban'))}
            {input('bic', tr('field.bic'))}
            {input('holder', tr('field.accountHolder'))}
            {held.length > 0 && (
              <button type="button" className="link-button" onClick={() => onChange(held.filter((_, j) => j !== i))}>
                {tr('ui.person.removeAccount', { n: i + 1 })}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...accounts, { ...EMPTY_ACCOUNT }])}>
        {tr('ui.person.addAccount')}
      </button>
    </>
  );
}
