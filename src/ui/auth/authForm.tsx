/** What the first-start and the sign-in forms share: the last user's name, the text field. */

/** The last user name signed in on this device: not secret, it spares typing it again. */
export const LAST_USER = 'consentbook.lastUser';
export const rememberUser = (name: string) => localStorage.setItem(LAST_USER, name);

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'password';
  /** Staff credentials may go to a password manager; nothing else is remembered. */
  autoComplete: 'username' | 'current-password' | 'new-password' | 'off';
  hint?: string;
}

export function TextField({ label, value, onChange, type = 'text', autoComplete, hint }: TextFieldProps) {
  const id = `auth-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
