/**
 * Einrichten: the first start creates the administrator. A chunk of its own — it runs once per
 * device, so the start bundle does not carry it (nor the strength estimate).
 */
import { useState } from 'react';
import { setupAdministrator } from '../../data/auth';
import { db } from '../db';
import { useT } from '../i18n';
import { useSessionStore } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { passphraseStrength, type PassphraseStrength } from '../../domain/passphraseStrength';
import { rememberUser } from './lastUser';
import { TextField } from '../components/TextField';
import { refuse, useSubmit } from '../components/useSubmit';

export default function SetupForm() {
  const tr = useT();
  const start = useSessionStore((s) => s.signIn);
  const [name, setName] = useState('');
  const [staffNumber, setStaffNumber] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const strength = passphraseStrength(passphrase);
  const { busy, error, onSubmit } = useSubmit(async () => {
    // Typed twice, since a typo here would lock everyone out of everything.
    if (repeat !== passphrase) refuse(tr('ui.auth.passphraseMismatch'));
    // Part of a book from a join the page was closed on: deleted, the new book starts empty.
    await (await import('../../data/sync/join')).discardUnfinishedJoin(db);
    const session = await setupAdministrator(db, { name, staffNumber, passphrase, lang: tr.lang });
    rememberUser(session.userName);
    start(session);
  });
  return (
    <form onSubmit={onSubmit} className="stack" aria-labelledby="setup-title">
      <h1 id="setup-title">{tr('ui.auth.setupTitle')}</h1>
      <p>{tr('ui.auth.setupIntro')}</p>
      <TextField required label={tr('ui.auth.user')} value={name} onChange={setName} autoComplete="username" />
      <TextField required label={tr('ui.auth.staffNumber')} value={staffNumber} onChange={setStaffNumber} />
      <TextField
        required
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
        required
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
      <ErrorAlert message={error} />
    </form>
  );
}

const STRENGTH_LEVEL: Record<PassphraseStrength, number> = { weak: 1, fair: 2, strong: 3 };
