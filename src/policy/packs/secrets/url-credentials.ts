import { secretHits } from './secret-scan';
import { URL_PASSWORD } from '../../../secret-detector';
import { IRule, RuleCategory, Severity } from '../../rule';

/** No URL anywhere in the output carries a password. */
export const URL_CREDENTIALS: IRule = {
  id: 'secrets.url-credentials',
  title: 'No URL carries a password',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A connection string such as postgres://app:hunter2@db is a credential wherever it appears: env values, args, annotations and ConfigMaps all end up in git, logs and dashboards.',
  remediation: 'Keep the password in a Secret and build the URL at runtime (e.g. $(DB_PASSWORD) from a secretKeyRef variable, or an ExternalSecret template), then rotate the exposed password.',
  kinds: ['*'],
  check: (object) => secretHits(object).filter((hit) => hit.detector === URL_PASSWORD).map((hit) => ({
    field: hit.field,
    found: `a URL with a password (${hit.masked}...)`,
    expected: 'a URL without credentials, the password read from a Secret',
  })),
};
