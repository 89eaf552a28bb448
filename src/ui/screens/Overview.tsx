/** Placeholder until the screen is built; states the GDPR duty it serves. */
import { Placeholder } from '../components/Placeholder';

export default function OverviewScreen() {
  return <Placeholder titleKey="ui.nav.uebersicht" dutyKey="ui.placeholder.uebersicht" />;
}
