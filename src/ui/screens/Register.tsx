/** Placeholder until the screen is built; states the GDPR duty it serves. */
import { Placeholder } from '../components/Placeholder';

export default function RegisterScreen() {
  return <Placeholder titleKey="ui.nav.verzeichnis" dutyKey="ui.placeholder.verzeichnis" />;
}
