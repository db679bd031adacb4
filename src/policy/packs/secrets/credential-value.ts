import { isEnvLiteral } from './environment';
import { secretHits } from './secret-scan';
import { URL_PASSWORD } from '../../../secret-detector';
import { IRule, RuleCategory, Severity } from '../../rule';

/**
 * No credential anywhere in the output, recognised by its format (keys, tokens, private keys) or
 * by the name of the field it is in. URLs with passwords and container variables have rules of
 * their own, with their own remediation; this one reports every other hit of the same scan.
 */
export const CREDENTIAL_VALUE: IRule = {
  id: 'secrets.credential-value',
  title: 'No credential in any field of any object',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'Annotations, labels, ConfigMaps, command lines, ExternalSecret templates and cloud resource arguments all end up in git, CI logs and dashboards; a key or token there is readable by everyone who can read the repository, whatever field holds it.',
  remediation: 'Move the value to the secret store, read it through an ExternalSecret and a secretKeyRef (or a file mounted from the Secret), and rotate the exposed credential.',
  kinds: ['*'],
  check: (object) => secretHits(object)
    .filter((hit) => hit.detector !== URL_PASSWORD && !isEnvLiteral(hit, object?.kind))
    .map((hit) => ({
      field: hit.field,
      found: `${hit.detector.label} (detector ${hit.detector.id})`,
      expected: 'no credential in the object: a reference to a Secret',
    })),
};
