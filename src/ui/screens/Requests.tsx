/** Placeholder until the screen is built; states the GDPR duty it serves. */
import { Placeholder } from '../components/Placeholder';

export default function RequestsScreen() {
  return <Placeholder titleKey="ui.nav.anfragen" dutyKey="ui.placeholder.anfragen" />;
}
