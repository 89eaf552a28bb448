/**
 * The translation table's entry point. German is the default and defines the keys
 * (`de/<area>.ts`); English (`en/<area>.ts`, checked against them) is a chunk of its own, loaded
 * by `loadLanguage('en')` before anything is shown or written in English. A leaf module: it imports
 * nothing but its tables, so every layer may use it.
 */
import { de } from './de';

export type MessageKey = keyof typeof de;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];

const loaded: Partial<Record<Language, Messages>> = { de };

/** Makes a language's table available to `t()`; German is always there, English is fetched once. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (!loaded[lang]) loaded[lang] = (await import('./en')).en;
}

/** The table of a loaded language; asking for one not loaded is a programming error, never a silent German fallback. */
export function messagesOf(lang: Language): Messages {
  const table = loaded[lang];
  if (!table) throw new Error(`The ${lang} messages are not loaded: await loadLanguage('${lang}') first`);
  return table;
}

/** The text for a key in a (loaded) language, with {placeholders} filled. */
export function t(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = messagesOf(lang)[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/**
 * The text of a key built from stored data (an audit entry's field or action, a permission
 * name): such data is a plain string, so an unknown one shows itself instead of failing.
 */
export function textOf(lang: Language, key: string): string {
  return Object.hasOwn(de, key) ? t(lang, key as MessageKey) : key;
}
