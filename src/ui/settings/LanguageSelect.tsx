/** Deutsch / English; stored in the preferences (localStorage), default Deutsch. */
import { LANGUAGES, type Language } from '../../i18n/messages';
import { useT } from '../i18n';
import { usePreferences } from '../stores';

const NAMES: Record<Language, string> = { de: 'Deutsch', en: 'English' };

export function LanguageSelect() {
  const tr = useT();
  const { lang, setLang } = usePreferences();
  return (
    <div className="field field-inline">
      <label htmlFor="language">{tr('ui.settings.language')}</label>
      <select id="language" value={lang} onChange={(e) => void setLang(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
