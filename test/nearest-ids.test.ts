import { nearestIds, unknownIdHint } from '../src/nearest-ids';

const KNOWN = ['pss.restricted.capabilities', 'pss.restricted.seccomp', 'pss.baseline.privileged', 'workload.read-only-root-fs', 'workload.probes'];

describe('nearestIds', () => {
  test('finds a typo', () => {
    expect(nearestIds('pss.restricted.capabilites', KNOWN)).toEqual(['pss.restricted.capabilities']);
  });

  test('finds an id typed without its pack prefix', () => {
    expect(nearestIds('read-only-root-fs', KNOWN)).toEqual(['workload.read-only-root-fs']);
  });

  test('offers at most three, nearest first', () => {
    expect(nearestIds('a.b', ['a.c', 'a.bb', 'x.b', 'a.d', 'zzzzzz'])).toEqual(['a.bb', 'a.c', 'a.d']);
  });

  test('offers nothing for something unrelated', () => {
    expect(nearestIds('completely-different', KNOWN)).toEqual([]);
  });
});

describe('unknownIdHint', () => {
  test('asks "did you mean" with the nearest ids', () => {
    expect(unknownIdHint('workload.probe', new Set(KNOWN))).toBe('did you mean "workload.probes"?');
  });

  test('says how many rules there are when none is close', () => {
    expect(unknownIdHint('zzz', new Set(KNOWN))).toBe('no known rule id is close; 5 rules are in use (e.g. "pss.baseline.privileged")');
  });

  test('says when no rules are in use at all', () => {
    expect(unknownIdHint('zzz', new Set())).toBe('no rules are in use');
  });
});
