/** Einstellungen (Datenschutzcenter): privacy settings, purposes, controller, language, storage, backup, synchronisation. */
import { useT } from '../i18n';
import { LanguageSelect } from './LanguageSelect';
import { PrivacySection } from './PrivacySection';
import { ConsentAttributeSection } from './ConsentAttributeSection';
import { PurposesSection } from './PurposesSection';
import { ControllerSection } from './ControllerSection';
import { RecipientsSection } from './RecipientsSection';
import { StorageSection } from './StorageSection';
import { BackupSection } from './BackupSection';
import { UsersSection } from './UsersSection';
import { SyncSection } from '../sync/SyncSection';

export default function SettingsScreen() {
  const tr = useT();
  return (
    <section className="screen settings" aria-labelledby="screen-title">
      <h1 id="screen-title">{tr('ui.nav.einstellungen')}</h1>
      <p className="muted">{tr('ui.settings.help')}</p>
      <PrivacySection />
      <ConsentAttributeSection />
      <PurposesSection />
      <UsersSection />
      <ControllerSection />
      <RecipientsSection />
      <section className="card" aria-labelledby="language-title">
        <h2 id="language-title">{tr('ui.settings.languageTitle')}</h2>
        <LanguageSelect />
      </section>
      <StorageSection />
      <BackupSection />
      <SyncSection />
    </section>
  );
}
