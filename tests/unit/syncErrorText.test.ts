/** A sync error shows in the UI's language where the engine names its cause by key, else in the server's words. */
import { describe, expect, it } from 'vitest';
import { loadLanguage, t, type Language } from '../../src/i18n/messages';
import { syncErrorText } from '../../src/ui/sync/syncErrorText';
import type { Translate } from '../../src/ui/i18n';

const translate = (lang: Language): Translate =>
  Object.assign((key: Parameters<typeof t>[1]) => t(lang, key), { lang });

describe('syncErrorText', () => {
  it("shows the engine's key in the UI's language, not the words beside it", async () => {
    await loadLanguage('en');
    const status = { error: 'Name or password is incorrect.', errorKey: 'error.sync.accountRefused' } as const;
    expect(syncErrorText(translate('de'), status)).toBe(t('de', 'error.sync.accountRefused'));
    expect(syncErrorText(translate('en'), status)).toBe(t('en', 'error.sync.accountRefused'));
    expect(syncErrorText(translate('de'), { error: 'This device is offline', errorKey: 'error.sync.offline' })).toBe(
      'Dieses Gerät ist offline.',
    );
  });

  it('shows the words as they are without a key, even words that look like a key', () => {
    expect(syncErrorText(translate('de'), { error: 'Database is in maintenance' })).toBe('Database is in maintenance');
    expect(syncErrorText(translate('de'), { error: 'error.sync.writeDenied' })).toBe('error.sync.writeDenied');
    expect(syncErrorText(translate('de'), {})).toBeUndefined();
  });
});
