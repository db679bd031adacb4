import { IRule, RuleCategory, Severity } from '../../rule';
import { eachContainer, listOf, podRule } from '../workload';
import { LITERAL } from './literal-secret';

/** Name parts that mark a variable as carrying a credential. */
const SECRET_WORDS = ['PASSWORD', 'PASSWD', 'PWD', 'SECRET', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PASSPHRASE'];
/** Adjacent name parts that do: API_KEY, PRIVATE_KEY, ACCESS_KEY, SECRET_KEY, CLIENT_SECRET... */
const SECRET_PAIRS = ['API KEY', 'PRIVATE KEY', 'ACCESS KEY', 'SECRET KEY', 'SIGNING KEY', 'ENCRYPTION KEY'];
/**
 * A variable whose last part says it holds where or how to find a secret (DB_PASSWORD_FILE,
 * TOKEN_URL, SECRET_NAME, TOKEN_TTL) is configuration, not a credential: the file convention is
 * the recommended way to pass one.
 */
const REFERENCE_SUFFIXES = ['FILE', 'PATH', 'DIR', 'NAME', 'URL', 'ENDPOINT', 'HEADER', 'ARN', 'REF', 'TTL', 'TIMEOUT', 'LENGTH'];

/** Whether an environment variable name looks like it carries a credential. */
export function isSecretName(name: string): boolean {
  const parts = name.toUpperCase().split(/[^A-Z0-9]+/).filter((p) => p !== '');
  if (parts.length === 0 || REFERENCE_SUFFIXES.includes(parts[parts.length - 1])) return false;
  if (parts.some((p) => SECRET_WORDS.includes(p))) return true;
  return parts.slice(1).some((p, i) => SECRET_PAIRS.includes(`${parts[i]} ${p}`));
}

/** `$(OTHER_VARIABLE)`: the kubelet substitutes another variable, typically one read from a Secret. */
const VARIABLE_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

/** Credentials reach containers from Secrets, never as literal environment values. */
export const ENV_LITERAL: IRule = podRule({
  id: 'secrets.env-literal',
  title: 'Secret-looking environment variables are not literal values',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A literal value in env is in the manifest, in git, and visible to anyone who can read the workload object; only valueFrom keeps the credential in a Secret.',
  remediation: 'Use valueFrom.secretKeyRef (Paved dependencies inject their credentials this way) and rotate the value that was committed.',
  scannerChecks: { kubeLinter: ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
  check: (pod) => eachContainer(pod, ({ container, path }) => listOf(container.env).flatMap((variable, i) => {
    const value = variable?.value;
    const literal = typeof value === 'string' && value !== '' && !VARIABLE_REFERENCE.test(value);
    return literal && typeof variable.name === 'string' && isSecretName(variable.name)
      ? [{ field: `${path}.env[${i}].value`, found: LITERAL, expected: `valueFrom.secretKeyRef for ${variable.name}` }]
      : [];
  })),
});
