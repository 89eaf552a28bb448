/** The Verwendungszweck select while the purposes are read: the stored purpose as loading, never as "no purpose". */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PurposeSelect } from '../../src/ui/person/PurposeSelect';
import type { Purpose } from '../../src/domain/purpose';

const contract = { id: 'purpose-contract', name: 'Vertraglicher Zweck', active: true } as Purpose;
const render = (props: { purposes: Purpose[]; value: string; loading?: boolean }) =>
  renderToStaticMarkup(createElement(PurposeSelect, { ...props, onChange: () => undefined }));

describe('PurposeSelect', () => {
  it('shows a stored purpose as loading, disabled, until the purposes are read', () => {
    const html = render({ purposes: [], value: 'purpose-contract', loading: true });
    expect(html).toMatch(/<select[^>]*disabled=""[^>]*aria-busy="true"/);
    expect(html).toContain('<option value="purpose-contract" selected="">Zwecke werden geladen …</option>');
  });

  it('shows the purpose by its name once read, and "no purpose" only when none is stored', () => {
    const read = render({ purposes: [contract], value: 'purpose-contract' });
    expect(read).not.toContain('disabled');
    expect(read).toContain('<option value="purpose-contract" selected="">Vertraglicher Zweck</option>');
    const none = render({ purposes: [], value: '', loading: true });
    expect(none).not.toContain('disabled');
    expect(none).toContain('<option value="" selected="">— kein Verwendungszweck —</option>');
  });
});
