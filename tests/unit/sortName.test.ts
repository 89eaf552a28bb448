import { describe, expect, it } from 'vitest';
import { sortNameOf } from '../../src/domain/person';

const key = (lastName: string, firstName = '', organisation = '') => sortNameOf({ lastName, firstName, organisation });

describe('sortNameOf', () => {
  it('is last name, first name, organisation, lower-cased, empty parts left out', () => {
    expect(sortNameOf({ lastName: ' Becker ', firstName: 'Anna', organisation: '' })).toBe('becker anna');
    expect(sortNameOf({ lastName: '', firstName: '', organisation: 'ACME GmbH' })).toBe('acme gmbh');
    expect(sortNameOf({ lastName: '  ', firstName: 'Jo', organisation: 'X' })).toBe('jo x');
    expect(sortNameOf({ lastName: '', firstName: '', organisation: '' })).toBe('');
  });

  it('orders by code unit as the German telephone book does: umlauts and accented letters with their base letter', () => {
    const names = [
      'Zander',
      'Öztürk',
      'Adler',
      'Øster-Şahin',
      'Ärger',
      'Schmidt',
      'Łukaszewski',
      'Becker',
      'Ošlak',
      'Lange',
    ];
    const sorted = names.map((n) => [key(n), n]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(sorted.map(([, n]) => n)).toEqual([
      'Adler',
      'Ärger',
      'Becker',
      'Lange',
      'Łukaszewski',
      'Ošlak',
      'Øster-Şahin',
      'Öztürk',
      'Schmidt',
      'Zander',
    ]);
    // Upper and lower case alike, in every script; ß as ss.
    expect(key('ÖZTÜRK')).toBe(key('öztürk'));
    expect(key('ΟΔΥΣΣΕΥΣ')).toBe(key('Οδυσσευς'));
    expect(key('Straße')).toBe('strasse');
  });
});
