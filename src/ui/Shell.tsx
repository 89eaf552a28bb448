/** The signed-in frame: header, main navigation, the current screen. Screens other than Personen load lazily. */
import { Suspense, useEffect, useRef } from 'react';
import { lazyWithMessages } from './lazyWithMessages';
import { LazyPart } from './components/LazyPart';
import { ScreenError } from './components/ScreenError';
import { useT } from './i18n';
import { SCREENS, useRoute, type ScreenId } from './route';
import { useRights, useSession, useSessionStore } from './stores';
import { useIdleLock } from './auth/useIdleLock';
import { useKeepOnLeave } from './auth/useKeepOnLeave';
import { PersonsScreen } from './person/PersonsScreen';
import { useLiveQuery } from 'dexie-react-hooks';
import { readPrivacySettings } from '../data/queries/settings';
import { db } from './db';
import { confirmLeave, useRestored } from './unsavedChanges';
import { RequestFollowUp } from './requests/RequestFollowUp';
import { MainNav } from './MainNav';
import { useMediaQuery } from './useMediaQuery';
import { loadSyncIndicator, loadUnsavedChanges } from './shellChunks';
// Not lazy: rendered with the first screen, it would wait for its own chunk and hold the screen back.
import { BackupReminder } from './BackupReminder';
import { useSignOutWhenRestoredElsewhere } from './restoredElsewhere';

const OverviewScreen = lazyWithMessages(() => import('./screens/Overview'));
const WorklistScreen = lazyWithMessages(() => import('./screens/Worklist'));
const RequestsScreen = lazyWithMessages(() => import('./screens/Requests'));
const BreachesScreen = lazyWithMessages(() => import('./screens/Breaches'));
const AuditScreen = lazyWithMessages(() => import('./audit/AuditScreen'));
const RegisterScreen = lazyWithMessages(() => import('./screens/Register'));
const SettingsScreen = lazyWithMessages(() => import('./settings/SettingsScreen'));
const RightsNotices = lazyWithMessages(() => import('./settings/RightsNotices'));
// Not needed for the first paint after sign-in: they appear a moment later (start bundle budget).
const UnsavedChangesDialog = lazyWithMessages(() =>
  loadUnsavedChanges().then((m) => ({ default: m.UnsavedChangesDialog })),
);
const KeptDraftOffer = lazyWithMessages(() => loadUnsavedChanges().then((m) => ({ default: m.KeptDraftOffer })));
const SyncIndicator = lazyWithMessages(() => loadSyncIndicator().then((m) => ({ default: m.SyncIndicator })));

const SCREEN_COMPONENTS: Record<ScreenId, React.ComponentType> = {
  uebersicht: OverviewScreen,
  personen: PersonsScreen,
  pruefliste: WorklistScreen,
  anfragen: RequestsScreen,
  datenpannen: BreachesScreen,
  protokoll: AuditScreen,
  verzeichnis: RegisterScreen,
  einstellungen: SettingsScreen,
};

/** The width up to which the navigation is a bottom bar (styles.css says the same). */
const PHONE = '(max-width: 640px)';

export function Shell() {
  const tr = useT();
  const session = useSession();
  // Rights an administrator took since the sign-in (the screens follow at once; another object
  // than the session only then): said once, here.
  const rights = useRights();
  const signOut = useSessionStore((s) => s.signOut);
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  // With "DSGVO-Programmunterstützung deaktivieren" on, the worklist and its actions are hidden.
  const gdprOff = useLiveQuery(() => readPrivacySettings(db).then((p) => p.gdprSupportDisabled), [], false);
  const phone = useMediaQuery(PHONE);
  // Kept drafts taken back on the screen already shown: it opens again, so its forms take them.
  const restoreRound = useRestored((s) => s.round);
  useIdleLock();
  useKeepOnLeave();
  useSignOutWhenRestoredElsewhere();

  // Moving between screens: put focus on the main region so keyboard and screen reader users start there.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [route.screen]);
  // Within a screen (a new person saved opens under its id, the form made anew): the focus, on a
  // control gone with the old form, is not left on the page's body but put on the main region.
  const place = route.rest.join('/');
  useEffect(() => {
    if (document.activeElement === document.body) mainRef.current?.focus({ preventScroll: true });
  }, [place]);

  const Screen = SCREEN_COMPONENTS[route.screen];
  const nav = <MainNav sections={SCREENS.filter((s) => !(gdprOff && s === 'pruefliste'))} phone={phone} />;
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {tr('ui.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">
          <img src="/icons/icon-192.png" alt="" width="28" height="28" />{' '}
          <span className="brand-name">Consentbook</span>
        </span>
        <LazyPart>
          <SyncIndicator />
        </LazyPart>
        <span className="user">
          {session.userName} <span className="muted">({session.staffNumber})</span>
        </span>
        <button type="button" onClick={() => void confirmLeave().then((go) => go && signOut('manual'))}>
          {tr('ui.auth.signOut')}
        </button>
      </header>
      {!phone && nav}
      <main id="main" ref={mainRef} tabIndex={-1} className="content">
        <ScreenError key={[restoreRound, route.screen, ...route.rest].join('/')}>
          <Suspense fallback={<p role="status">{tr('ui.loading')}</p>}>
            {/* Shown together with the screen: appearing after it, it moved the screen down. */}
            {(session.rightsWithheld || rights !== session) && <RightsNotices />}
            <BackupReminder />
            <Screen />
          </Suspense>
        </ScreenError>
      </main>
      {/* On a phone the navigation is a bar at the bottom: after the content in Tab order too. */}
      {phone && nav}
      <LazyPart>
        <UnsavedChangesDialog />
        <KeptDraftOffer />
      </LazyPart>
      <RequestFollowUp />
    </div>
  );
}
