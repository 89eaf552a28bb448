/** Translation in components: the language comes from the preferences store. */
import { useMemo } from 'react';
import { t, type Language, type MessageKey } from '../i18n/messages';
import { formatDate } from '../reports/format';
import { usePreferences } from './stores';
import { ConsentbookError } from '../data/core/errors';

export type Translate = ((key: MessageKey | string, params?: Record<string, string | number>) => string) & {
  readonly lang: Language;
};

export function useLang(): Language {
  return usePreferences((s) => s.lang);
}

export function useT(): Translate {
  const lang = useLang();
  return useMemo(
    () =>
      Object.assign((key: MessageKey | string, params?: Record<string, string | number>) => t(lang, key, params), {
        lang,
      }),
    [lang],
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The message for any error: typed data-layer errors by their key, anything else generically.
 * Parameters are made readable: field keys become labels, permissions their names, dates local.
 */
export function errorText(tr: Translate, e: unknown): string {
  if (e instanceof ConsentbookError) {
    const params: Record<string, string | number> = { ...e.params };
    if (typeof params.fields === 'string')
      params.fields = params.fields
        .split(', ')
        .map((k) => fieldLabel(tr, k))
        .join(', ');
    if (typeof params.permission === 'string') params.permission = tr(`ui.permission.${params.permission}`);
    for (const [k, v] of Object.entries(params))
      if (typeof v === 'string' && ISO_DATE.test(v)) params[k] = formatDate(tr.lang, v);
    return tr(e.messageKey, params);
  }
  const message = e instanceof Error ? e.message : String(e);
  return tr('ui.error.unexpected', { message });
}

/** Field label for a field key such as 'email' or 'bankAccounts.0.iban'. */
export function fieldLabel(tr: Translate, key: string): string {
  const parts = key.split('.');
  if (parts[0] === 'bankAccounts' && parts[2]) {
    const sub = parts[2] === 'holder' ? 'accountHolder' : parts[2];
    return `${tr(`field.${sub}`)} ${Number(parts[1]) + 1}`;
  }
  if (parts[0] === 'furtherPhones' && parts[1]) return tr('ui.person.furtherPhone', { n: Number(parts[1]) + 1 });
  return tr(`field.${parts[0]}`);
}
