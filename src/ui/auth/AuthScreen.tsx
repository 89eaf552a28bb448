/**
 * First start creates the administrator (Einrichten); later starts sign in (Anmelden). PBKDF2
 * takes a moment, so the button is disabled and progress is announced meanwhile.
 */
import { useEffect, useState } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { hasUsers, prepareSignIn, signIn } from '../../data/auth';
import { db } from '../db';
import { directory } from '../useDirectory';
import { loadKeepUnsaved, preloadShell } from '../shellChunks';
import { loadPersonList } from '../person/personListChunk';
import { whenIdle } from '../idle';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useSessionStore } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSelect } from '../settings/LanguageSelect';
import { LAST_USER, rememberUser } from './lastUser';
import { TextField } from '../components/TextField';
import { useSubmit } from '../components/useSubmit';

// The first start and joining a team happen once per device: chunks of their own.
const SetupForm = lazyWithMessages(() => import('./SetupForm'));
const JoinForm = lazyWithMessages(() => import('../sync/JoinForm'));
// Drafts the device could not store, held in this tab (keepUnsaved.tsx): only after a lock or update.
const HeldDraftsNotice = lazyWithMessages(() => loadKeepUnsaved().then((m) => ({ default: m.HeldDraftsNotice })));

export function AuthScreen() {
  const tr = useT();
  const [mode, setMode] = useState<'loading' | 'setup' | 'join' | 'signIn'>('loading');
  const [error, setError] = useState<AlertMessage | null>(null);
  const [joined, setJoined] = useState<number | null>(null);

  useEffect(() => {
    hasUsers(db)
      .then((any) => setMode(any ? 'signIn' : 'setup'))
      .catch((e: unknown) => setError(errorMessage(tr, e)));
  }, [tr]);

  return (
    <main className="auth">
      <div className="auth-card">
        <p className="brand auth-brand">
          <img src="/icons/icon-192.png" alt="" width="40" height="40" /> Consentbook
        </p>
        {mode === 'setup' && (
          // The way to join shows with the form, not before it: it would move down when the form
          // loads, and a tap just then would land on whatever came under the finger.
          <LazyPart fallback={<p role="status">{tr('ui.loading')}</p>}>
            <SetupForm />
            <p className="join-lead">{tr('ui.sync.joinLead')}</p>
            <button type="button" onClick={() => setMode('join')}>
              {tr('ui.sync.join')}
            </button>
          </LazyPart>
        )}
        {mode === 'join' && (
          <LazyPart fallback={<p role="status">{tr('ui.loading')}</p>}>
            <JoinForm
              onJoined={(persons) => {
                setJoined(persons);
                setMode('signIn');
              }}
              onBack={() => setMode('setup')}
            />
          </LazyPart>
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

/** What the first screen after the click needs: the shell's lazy parts and the person list (a chunk of its own). */
function preloadAfterSignIn(): void {
  preloadShell();
  void loadPersonList().catch(() => undefined);
}

function SignInForm() {
  const tr = useT();
  const start = useSessionStore((s) => s.signIn);
  const signedOutBecause = useSessionStore((s) => s.signedOutBecause);
  const [name, setName] = useState(() => localStorage.getItem(LAST_USER) ?? '');
  const [passphrase, setPassphrase] = useState('');
  // While the passphrase is typed: what the click would otherwise start (users' verifiers, the raw
  // connection, the cipher's, the team's and the shell's code), so PBKDF2 starts with the click.
  useEffect(
    () =>
      whenIdle(() => {
        void prepareSignIn(db);
        preloadAfterSignIn();
      }),
    [],
  );
  const { busy, error, onSubmit } = useSubmit(async () => {
    preloadAfterSignIn();
    const session = await signIn(db, name, passphrase);
    // The directory's first buckets (read during sign-in) are opened while the shell renders.
    directory.ready().catch(() => undefined);
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
      {(signedOutBecause === 'idle' || signedOutBecause === 'update') && (
        <LazyPart>
          <HeldDraftsNotice />
        </LazyPart>
      )}
      <TextField required label={tr('ui.auth.user')} value={name} onChange={setName} autoComplete="username" />
      <TextField
        required
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
