/**
 * A purpose on Art. 6(1)(f) as a version before the legitimate interest stored it: no such field
 * at all. The unit and browser tests put it in IndexedDB as such a book holds it.
 */
import type { Purpose } from '../src/domain/purpose';

export const legacyPurpose = (fields: Partial<Purpose> = {}): Purpose => ({
  id: 'p-legacy',
  name: 'Messekontakte',
  lawfulBasis: 'f',
  requiresConsent: false,
  retention: { years: 0, basis: '' },
  recipients: '',
  active: true,
  createdAt: '2024-05-01T00:00:00.000Z',
  ...fields,
});
