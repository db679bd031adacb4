import { IRule, RuleCategory, Severity } from '../../rule';
import { keyPath } from '../workload';

/** A value written into output; findings never show it, so reports do not leak what they flag. */
export const LITERAL = 'a literal value';

/** No Secret in the output carries data. */
export const LITERAL_SECRET: IRule = {
  id: 'secrets.literal-secret',
  title: 'No Secret with literal data in the output',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'Manifests go to git and to CI logs; a Secret with data in them is a credential readable by everyone who can read the repository, forever (base64 is an encoding, not encryption).',
  remediation: 'Deliver the value through an ExternalSecret (Paved wires dependencies this way) and remove the Secret from the output.',
  kinds: ['Secret'],
  check: (secret) => ['data', 'stringData'].flatMap((field) => {
    const entries = secret[field];
    if (entries === null || typeof entries !== 'object') return [];
    return Object.keys(entries).sort().map((key) => ({ field: keyPath(field, key), found: LITERAL, expected: 'no literal data: an ExternalSecret that the cluster resolves' }));
  }),
};
