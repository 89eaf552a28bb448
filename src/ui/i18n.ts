/** Translation in components: the language comes from the preferences store. */
import { useMemo } from 'react';
import { t, textOf, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatDate } from '../i18n/locale';
import { usePreferences } from './stores';
import { ConsentbookError, EventNotPermittedError, PermissionDeniedError } from '../data/core/errors';
import { ControllerMissingError } from '../domain/settings';
import { FontLoadError } from '../documents/fontLoadError';
import { fieldKeyLabel } from '../domain/fieldLabels';
import { isChunkLoadError } from './chunkLoad';

export type Translate = ((key: MessageKey, params?: MessageParams) => string) & {
  readonly lang: Language;
};

export function useLang(): Language {
  return usePreferences((s) => s.lang);
}

export function useT(): Translate {
  const lang = useLang();
  return useMemo(
    () =>
      Object.assign((key: MessageKey, params?: MessageParams) => t(lang, key, params), {
        lang,
      }),
    [lang],
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The message for any error: typed data-layer errors by their key, anything else generically.
 * Parameters are made readable: field keys become labels, permissions their names, dates local.
 * A lazy chunk that failed to load says so plainly (errorMessage marks it: ErrorAlert adds "Neu laden").
 */
export function errorText(tr: Translate, e: unknown): string {
  if (e instanceof ConsentbookError) {
    const params: MessageParams = { ...e.params };
    if (typeof params.fields === 'string')
      params.fields = params.fields
        .split(', ')
        .map((k) => fieldLabel(tr, k))
        .join(', ');
    if (e instanceof PermissionDeniedError) params.permission = tr(`ui.permission.${e.permission}`);
    if (e instanceof EventNotPermittedError) {
      params.action = labelOf(tr, `action.${e.action}`);
      if (e.right !== 'admin') params.permission = tr(`ui.permission.${e.right}`);
    }
    for (const [k, v] of Object.entries(params))
      if (typeof v === 'string' && ISO_DATE.test(v)) params[k] = formatDate(tr.lang, v);
    return tr(e.messageKey, params);
  }
  if (e instanceof ControllerMissingError)
    return tr(e.messageKey, { missing: e.missing.map((part) => tr(`error.controllerMissing.${part}`)).join(', ') });
  if (e instanceof FontLoadError) return tr(e.messageKey);
  if (isChunkLoadError(e)) return tr('ui.pwa.chunkFailed');
  const message = e instanceof Error ? e.message : String(e);
  return tr('ui.error.unexpected', { message });
}

/**
 * An error's message as ErrorAlert shows it, with whether reloading helps: then "Neu laden" stands
 * beside its text. So for a lazy chunk or a PDF's font that failed to load (after an update the old
 * file is gone; offline, it comes once the connection is back) — recognised by the error, not by the
 * words shown.
 */
export interface ErrorMessage {
  text: string;
  reloads: boolean;
}

/** What an alert shows: the app's own words, or a caught error's message (errorMessage). */
export type AlertMessage = string | ErrorMessage;

export function errorMessage(tr: Translate, e: unknown): ErrorMessage {
  return { text: errorText(tr, e), reloads: isChunkLoadError(e) || e instanceof FontLoadError };
}

export const alertText = (message: AlertMessage): string => (typeof message === 'string' ? message : message.text);

/** Field label for a field key such as 'email' or 'bankAccounts.0.iban'. */
export function fieldLabel(tr: Translate, key: string): string {
  return fieldKeyLabel(tr.lang, key);
}

/** The text of a key built from stored data (an audit entry's field or action); an unknown one shows itself. */
export function labelOf(tr: Translate, key: string): string {
  return textOf(tr.lang, key);
}
