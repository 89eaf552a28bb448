/** How a consent was given (Schriftlich, E-Mail, Formular, Mündlich): one select for every consent form. */
import { CONSENT_CHANNELS, type ConsentChannel } from '../../domain/consent';
import { useT } from '../i18n';

export function ChannelField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: ConsentChannel;
  onChange: (channel: ConsentChannel) => void;
}) {
  const tr = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{tr('ui.consent.channel')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ConsentChannel)}>
        {CONSENT_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {tr(`channel.${c}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
