/** Placeholder until the screen is built; states the GDPR duty it serves. */
import { Placeholder } from '../components/Placeholder';

export default function WorklistScreen() {
  return <Placeholder titleKey="ui.nav.pruefliste" dutyKey="ui.placeholder.pruefliste" />;
}
