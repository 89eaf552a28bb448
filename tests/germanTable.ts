/** The whole German table, start and later areas, for tests that go through every key. */
import { de as start } from '../src/i18n/de';
import { later } from '../src/i18n/de/later';
import type { Messages } from '../src/i18n/messages';

export const de: Messages = { ...start, ...later };
