/**
 * The name of the consent attribute (the reference product's "Marketingattribut
 * Einwilligungserklärung"): what the person form calls the consents. Empty: the UI language's name.
 * Needs "Datenschutzeinstellungen ändern"; the change is logged like every privacy setting.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CONSENT_ATTRIBUTE_MAX_LENGTH, FORMER_DEFAULT_CONSENT_ATTRIBUTE } from '../../domain/settings';
import { readPrivacySettings } from '../../data/queries/settings';
import { updatePrivacySettings } from '../../data/commands/settings';
import { db } from '../db';
import { useT } from '../i18n';
import { useRights, useSession } from '../stores';
import { FormOutcome } from '../components/FormFooter';
import { useSave } from '../components/useSubmit';

export function ConsentAttributeSection() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const settings = useLiveQuery(() => readPrivacySettings(db), []);
  const [name, setName] = useState<string | null>(null);
  const { save, error, status } = useSave();
  const allowed = rights.permissions.has('changePrivacySettings');
  if (!settings) return null;
  const stored =
    settings.consentAttributeName === FORMER_DEFAULT_CONSENT_ATTRIBUTE ? '' : settings.consentAttributeName;
  const value = name ?? stored;

  return (
    <section className="card" aria-labelledby="consent-attribute-title">
      <h2 id="consent-attribute-title">{tr('ui.settings.consentAttributeTitle')}</h2>
      <form
        className="row-inline"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(async () => {
            await updatePrivacySettings(db, session, { consentAttributeName: value.trim() });
            setName(null);
          }, tr('ui.settings.saved'));
        }}
      >
        <div className="field">
          <label htmlFor="consent-attribute">{tr('ui.settings.consentAttribute')}</label>
          <input
            autoComplete="off"
            id="consent-attribute"
            type="text"
            maxLength={CONSENT_ATTRIBUTE_MAX_LENGTH}
            placeholder={tr('ui.consent.attributeName')}
            value={value}
            disabled={!allowed}
            aria-describedby="consent-attribute-hint"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit" disabled={!allowed}>
          {tr('ui.save')}
        </button>
      </form>
      <p id="consent-attribute-hint" className="hint">
        {allowed
          ? tr('ui.settings.consentAttributeHint', { name: tr('ui.consent.attributeName') })
          : tr('ui.settings.noPermission')}
      </p>
      <FormOutcome error={error} status={status} />
    </section>
  );
}
