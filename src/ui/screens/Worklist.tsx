/**
 * Prüfliste DSGVO: the worklist with its actions, or one campaign
 * (#/pruefliste/aktion/<id>). Hidden while "DSGVO-Programmunterstützung deaktivieren" is on.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { readPrivacySettings } from '../../data/queries/settings';
import { db } from '../db';
import { useT } from '../i18n';
import { href, useRoute } from '../route';
import { WorklistView } from '../worklist/WorklistView';
import { CampaignDetail } from '../campaigns/CampaignDetail';
import '../worklist/worklist.css';

export default function WorklistScreen() {
  const tr = useT();
  const { rest } = useRoute();
  const privacy = useLiveQuery(() => readPrivacySettings(db), []);
  if (!privacy) return <p role="status">{tr('ui.loading')}</p>;
  if (privacy.gdprSupportDisabled) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <h1 id="screen-title">{tr('ui.nav.pruefliste')}</h1>
        <p className="warning">{tr('ui.worklist.gdprOff')}</p>
        <a href={href('einstellungen')}>{tr('ui.nav.einstellungen')}</a>
      </section>
    );
  }
  if (rest[0] === 'aktion' && rest[1]) return <CampaignDetail key={rest[1]} campaignId={rest[1]} />;
  return <WorklistView />;
}
