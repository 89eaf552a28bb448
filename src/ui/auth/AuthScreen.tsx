/**
 * First start creates the administrator (Einrichten); later starts sign in (Anmelden). PBKDF2
 * takes a moment, so the button is disabled and progress is announced meanwhile.
 */
import { lazy, Suspense, useEffect, useState, type SubmitEvent } from 'react';
import { hasUsers, setupAdministrator, signIn } from '../../data/auth';
import { db } from '../db';
import { errorText, useT } from '../i18n';
import { useSessionStore } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSelect } from '../settings/LanguageSelect';
import { passphraseStrength, type PassphraseStrength } from '../../domain/passphraseStrength';

const JoinForm = lazy(() => import('../sync/JoinForm'));

export function AuthScreen() {
  const tr = useT();
  const [mode, setMode] = useState<'loading' | 'setup' | 'join' | 'signIn'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<number | null>(null);

  useEffect(() => {
    hasUsers(db)
      .then((any) => setMode(any ? 'signIn' : 'setup'))
      .catch((e: unknown) => setError(errorText(tr, e)));
  }, [tr]);

  return (
    <main className="auth">
      <div className="auth-card">
        <p className="brand auth-brand">
          <img src="/icons/icon-192.png" alt="" width="40" height="40" /> Consentbook
        </p>
        {mode === 'setup' && (
          <>
            <SetupForm />
            <p className="join-lead">{tr('ui.sync.joinLead')}</p>
            <button type="button" onClick={() => setMode('join')}>
              {tr('ui.sync.join')}
            </button>
          </>
        )}
        {mode === 'join' && (
          <Suspense fallback={<p role="status">{tr('ui.loading')}</p>}>
            <JoinForm
              onJoined={(persons) => {
                setJoined(persons);
                setMode('signIn');
              }}
              onBack={() => setMode('setup')}
            />
          </Suspense>
        )}
        {joined !== null && (
          <p role="status" className="notice">
            {tr('ui.sync.joined', { persons: joined })}
          </p>
        )}
        {mode === 'signIn' && <SignInForm />}
        {mode === 'loading' && <p role="status">{tr('ui.loading')}</p>}
        <ErrorAlert message={error} />
        <LanguageSelect />
      </div>
    </main>
  );
}

function useSubmit(run: () => Promise<void>) {
  const tr = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(errorText(tr, err));
      setBusy(false);
    }
  }
  return { busy, error, onSubmit };
}

/** The last user name signed in on this device: not secret, it spares typing it again. */
const LAST_USER = 'consentbook.lastUser';
const rememberUser = (name: string) => localStorage.setItem(LAST_USER, name);

function SetupForm() {
  const tr = useT();
  const start = useSessionStore((s) => s.signIn);
  const [name, setName] = useState('');
  const [staffNumber, setStaffNumber] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const strength = passphraseStrength(passphrase);
  const [mismatch, setMismatch] = useState(false);
  const { busy, error, onSubmit } = useSubmit(async () => {
    const session = await setupAdministrator(db, { name, staffNumber, passphrase });
    rememberUser(session.userName);
    start(session);
  });
  return (
    <form
      onSubmit={(e) => {
        // Typed twice, since a typo here would lock everyone out of everything.
        setMismatch(repeat !== passphrase);
        if (repeat === passphrase) return onSubmit(e);
        e.preventDefault();
      }}
      className="stack"
      aria-labelledby="setup-title"
    >
      <h1 id="setup-title">{tr('ui.auth.setupTitle')}</h1>
      <p>{tr('ui.auth.setupIntro')}</p>
      <TextField label={tr('ui.auth.user')} value={name} onChange={setName} autoComplete="username" />
      <TextField label={tr('ui.auth.staffNumber')} value={staffNumber} onChange={setStaffNumber} autoComplete="off" />
      <TextField
        label={tr('ui.auth.passphrase')}
        value={passphrase}
        onChange={setPassphrase}
        type="password"
        autoComplete="new-password"
        hint={tr('ui.auth.passphraseHint')}
      />
      {passphrase && (
        <p className={`strength strength-${strength}`} aria-live="polite">
          <meter min={0} max={3} low={1.5} high={2.5} optimum={3} value={STRENGTH_LEVEL[strength]} aria-hidden="true" />{' '}
          {tr('ui.auth.strength', { strength: tr(`ui.auth.strength.${strength}`) })}
        </p>
      )}
      <TextField
        label={tr('ui.auth.passphraseRepeat')}
        value={repeat}
        onChange={setRepeat}
        type="password"
        autoComplete="new-password"
      />
      <p className="notice">{tr('ui.auth.passphraseLoss')}</p>
      <button type="submit" className="primary" disabled={busy}>
        {tr('ui.auth.setup')}
      </button>
      {busy && <p role="status">{tr('ui.auth.settingUp')}</p>}
      <ErrorAlert message={mismatch ? tr('ui.auth.passphraseMismatch') : error} />
    </form>
  );
}

const STRENGTH_LEVEL: Record<PassphraseStrength, number> = { weak: 1, fair: 2, strong: 3 };

function SignInForm() {
  const tr = useT();
  const start = useSessionStore((s) => s.signIn);
  const signedOutBecause = useSessionStore((s) => s.signedOutBecause);
  const [name, setName] = useState(() => localStorage.getItem(LAST_USER) ?? '');
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    const session = await signIn(db, name, passphrase);
    rememberUser(session.userName);
    start(session);
  });
  return (
    <form onSubmit={onSubmit} className="stack" aria-labelledby="signin-title">
      <h1 id="signin-title">{tr('ui.auth.signInTitle')}</h1>
      {signedOutBecause === 'idle' && (
        <p role="status" className="notice">
          {tr('ui.auth.lockedIdle')}
        </p>
      )}
      {signedOutBecause === 'restored' && (
        <p role="status" className="notice">
          {tr('ui.auth.restored')}
        </p>
      )}
      <TextField label={tr('ui.auth.user')} value={name} onChange={setName} autoComplete="username" />
      <TextField
        label={tr('ui.auth.passphrase')}
        value={passphrase}
        onChange={setPassphrase}
        type="password"
        autoComplete="current-password"
      />
      <button type="submit" className="primary" disabled={busy}>
        {tr('ui.auth.signIn')}
      </button>
      {busy && <p role="status">{tr('ui.auth.signingIn')}</p>}
      <ErrorAlert message={error} />
    </form>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'password';
  /** Staff credentials may go to a password manager; nothing else is remembered. */
  autoComplete: 'username' | 'current-password' | 'new-password' | 'off';
  hint?: string;
}

function TextField({ label, value, onChange, type = 'text', autoComplete, hint }: TextFieldProps) {
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
