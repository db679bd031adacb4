import { UNRESOLVED } from './support';
import { foundValue as show, isUnresolved, statementsOf } from '../../../../src/policy/packs/data-security/cloud-resource';

describe('cloud resource helpers', () => {
  test('Outputs and Promises are unresolved; literals are not', () => {
    expect(isUnresolved(UNRESOLVED)).toBe(true);
    expect(isUnresolved(Promise.resolve(1))).toBe(true);
    expect(isUnresolved({ a: 1 })).toBe(false);
    expect(isUnresolved('x')).toBe(false);
  });

  test('found values read as absent, unresolved or JSON', () => {
    expect(show(undefined)).toBe('absent');
    expect(show(UNRESOLVED)).toMatch(/unresolved/);
    expect(show(['a'])).toBe('["a"]');
  });

  test('policy statements are read from documents and JSON, and not guessed otherwise', () => {
    expect(statementsOf({ Statement: { Effect: 'Deny' } })).toEqual([{ Effect: 'Deny' }]);
    expect(statementsOf('{"Statement":[{"Effect":"Allow"}]}')).toEqual([{ Effect: 'Allow' }]);
    expect(statementsOf(UNRESOLVED)).toBeUndefined();
    expect(statementsOf({ Statement: UNRESOLVED })).toBeUndefined();
    expect(statementsOf('nope')).toBeUndefined();
  });
});
