/** A screen that others will build: which GDPR duty it serves, so the gap is visible and explained. */
import { useT } from '../i18n';

export function Placeholder({ titleKey, dutyKey }: { titleKey: string; dutyKey: string }) {
  const tr = useT();
  return (
    <section className="screen placeholder" aria-labelledby="screen-title">
      <h1 id="screen-title">{tr(titleKey)}</h1>
      <p>{tr(dutyKey)}</p>
      <p className="muted">{tr('ui.placeholder.follows')}</p>
    </section>
  );
}
