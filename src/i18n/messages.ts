/**
 * The translation table's entry point. German is the default and defines the keys (`de/<area>.ts`).
 * Only German's start areas are in the start bundle (`de/index.ts`); the areas of later screens
 * and the documents (`de/later.ts`) are a chunk loaded by `loadLaterMessages()` before any lazy
 * screen renders. English (`en/<area>.ts`, checked against German) is one chunk, loaded whole by
 * `loadLanguage('en')` before anything is shown or written in English. A leaf module: it imports
 * nothing but its tables and the locale's number format, so every layer may use it.
 */
import { de } from './de';
import { formatNumber } from './locale';
import type { later } from './de/later';

export type MessageKey = keyof typeof de | keyof typeof later;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];

/** What each language has loaded; a table is complete once it holds every key. */
const german: Partial<Messages> = { ...de };
const loaded: Partial<Record<Language, Partial<Messages>>> = { de: german };
const complete = new Set<Language>();
let laterLoading: Promise<void> | undefined;

/** Makes a language's table available to `t()`; German's start areas are always there, English is fetched once. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en' && !loaded.en) {
    loaded.en = (await import('./en')).en;
    complete.add('en');
  }
}

/**
 * Loads German's later areas (once; a failed load is retried at the next call). Lazy screens,
 * dialogs and documents await it before they render or write a text — `t()` is synchronous and
 * throws for a key whose area is not loaded, so a missing await shows as an error, never as a key.
 */
export function loadLaterMessages(): Promise<void> {
  laterLoading ??= import('./de/later').then(
    (m) => {
      Object.assign(german, m.later);
      complete.add('de');
    },
    (e: unknown) => {
      laterLoading = undefined;
      throw e;
    },
  );
  return laterLoading;
}

/** The table of a loaded language; asking for one not loaded is a programming error, never a silent German fallback. */
export function messagesOf(lang: Language): Partial<Messages> {
  const table = loaded[lang];
  if (!table) throw new Error(`The ${lang} messages are not loaded: await loadLanguage('${lang}') first`);
  return table;
}

/**
 * The text for a key in a (loaded) language, with {placeholders} filled. A number is written as
 * the language writes it (12.000 / 12,000; 2,5 / 2.5): counts reach the hundred thousands. Numbers
 * that name something (IDENTIFYING_PARAMS) keep their digits as the audit log's codes and a
 * file's lines show them; any other value that must (a year) is passed as a string.
 */
export function t(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = messagesOf(lang)[key];
  if (text === undefined)
    throw new Error(`The message ${key} is not loaded: await loadLaterMessages() before what shows it renders`);
  return params ? fill(lang, text, params) : text;
}

/** A text's {placeholders} filled as `lang` writes the values; one a value does not name stays as it is. */
export function fill(lang: Language, text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? param(lang, name, params[name]) : m));
}

/** Placeholders whose numbers are names, not amounts: an entry's place in the log, a line, a key epoch, a version. */
const IDENTIFYING_PARAMS: ReadonlySet<string> = new Set(['seq', 'lastSeq', 'line', 'epoch', 'version']);

const param = (lang: Language, name: string, value: string | number) =>
  typeof value === 'number' && !IDENTIFYING_PARAMS.has(name) ? formatNumber(lang, value) : String(value);

/**
 * The text of a key built from stored data (an audit entry's field or action, a permission
 * name): such data is a plain string, so an unknown one shows itself instead of failing — but
 * only once the whole table is loaded, since until then "unknown" may just mean "not loaded yet".
 */
export function textOf(lang: Language, key: string): string {
  if (Object.hasOwn(messagesOf(lang), key)) return t(lang, key as MessageKey);
  if (complete.has(lang)) return key;
  throw new Error(`Cannot tell whether ${key} is a message before the ${lang} table is complete`);
}
