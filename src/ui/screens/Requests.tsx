/**
 * Anfragen: the register of data-subject requests (Art. 12(3), 15–21) with the whole-database
 * export (Art. 20). Datenpannen (Art. 33) have their own place in the navigation (Breaches.tsx).
 */
import { useT } from '../i18n';
import { RequestRegister } from '../requests/RequestRegister';
import { ExportAll } from '../rights/ExportAll';
import '../requests/requests.css';

export default function RequestsScreen() {
  const tr = useT();
  return (
    <section className="screen requests" aria-labelledby="screen-title">
      <h1 id="screen-title">{tr('ui.nav.anfragen')}</h1>
      <RequestRegister />
      <ExportAll />
    </section>
  );
}
