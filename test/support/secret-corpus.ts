import { createHash } from 'crypto';
import * as fc from 'fast-check';

// The corpora the detectors are measured against: values that are not credentials (every one must
// pass) and credentials of every format the detectors know (every one must be found). Shared by
// the detector's tests and the secrets rules' tests, so both measure the same thing.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A deterministic pseudo-random text from `alphabet`, so the corpora are the same on every run. */
function token(seed: string, alphabet: string, length: number): string {
  let out = '';
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; out.length < length; i++) {
    if (i === block.length) {
      block = createHash('sha256').update(block).digest();
      i = 0;
    }
    out += alphabet[block[i] % alphabet.length];
  }
  return out;
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');
const sha = (text: string, algorithm = 'sha256') => createHash(algorithm).update(text).digest('hex');
const uuid = (seed: string) => {
  const h = sha(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u
-----END PUBLIC KEY-----`;
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ
RTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD
-----END CERTIFICATE-----`;
const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@acme';

/** Hand-picked values Paved and the workloads it runs write every day. */
const HAND_PICKED: string[] = [
  'registry.acme.dev/payments/orders-api:1.4.2', `registry.acme.dev/shop/orders-worker@sha256:${'c'.repeat(64)}`,
  'nginx:1.27-alpine', 'ghcr.io/acme/ghp-exporter:v0.3.1', 'public.ecr.aws/aws-cli/aws-cli:2.15.0',
  'orders.apps.acme.dev', 'orders-db.payments-prod.svc.cluster.local', 'redis-master.cache.svc', 'https://runbooks.acme.dev/orders-api',
  'https://grafana.acme.dev/d/orders?orgId=1&from=now-6h', 'postgres://orders-db:5432/orders?sslmode=require', 'postgres://app:$(DB_PASSWORD)@orders-db:5432/orders',
  'postgres://app:{{ .password }}@orders-db:5432/orders', 'ftp://${FTP_USER}:${FTP_PASS}@ftp.acme.dev', 'https://user@git.acme.dev/repo.git', 'mailto:oncall@acme.dev',
  'sum(rate(http_requests_total{job="orders-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="orders-api"}[5m]))',
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="orders-api"}[5m]))) > 0.3',
  '*/5 * * * *', '0 3 * * 1-5', '@hourly', 'arn:aws:iam::123456789012:role/payments-orders-api', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:paved/acme/payments-prod/orders-db-AbCdEf',
  'arn:aws:s3:::acme-payments-prod-invoices/*', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'AROAEXAMPLEROLEID1234', 'AIDAEXAMPLEUSERID1234',
  'paved/acme/payments-prod/orders-db', 'RuntimeDefault', 'ScheduleAnyway', 'topology.kubernetes.io/zone', 'kubernetes.io/hostname', 'IfNotPresent',
  'true', 'false', 'enabled', '1.4.2', 'v2.0.1-rc.1', 'info', 'debug', 'json', 'UTC', 'en_US.UTF-8', 'eu-west-1', '8080', '0.999', '300ms', '2h', '512Mi', '250m',
  PUBLIC_KEY, CERTIFICATE, SSH_PUBLIC_KEY, 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 ops@acme',
  'eyJhbGciOiJSUzI1NiJ9', b64url('{"kid":"orders","alg":"RS256"}'), Buffer.from('{"feature":"checkout-v2","enabled":true}').toString('base64'),
  'sk_live_', 'ghp_', 'xoxb-', 'AIza', 'AKIA', 'pk_live_51HcR2eLkdIwHu7ix', 'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'checkout.v2.enabled=true', 'LOG_LEVEL=info', '--log-level=debug', '--token-ttl=3600', '--password-file=/run/secrets/db', '--tls-cert-file=/etc/tls/tls.crt',
  'token_url=https://auth.acme.dev/oauth/token', 'https://auth.acme.dev/oauth/token?grant_type=client_credentials', 'https://api.acme.dev/v1/orders?page=2&per_page=50',
  'psql "host=orders-db user=app password=$(PGPASSWORD) dbname=orders"', 'pg_dump --no-owner -d orders | gzip > /backup/orders.sql.gz',
  'kubectl rollout status deploy/orders-api', 'sh -c "exec node server.js"', 'SELECT count(*) FROM orders WHERE created_at > now() - interval \'7 days\'',
  'last-7-days-anonymized', 'payments-primary', 'checkout', 'orders-api-production', 'owner:payments', 'component:default/orders-api', 'resource:default/orders-db',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"LOG_LEVEL":"info"}}', '[{"op":"add","path":"/spec/replicas","value":3}]',
  'secretKeyRef', 'password', 'token', 'api-key', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'the token expires after an hour',
  'legacy app reads its password from env until PAY-123 ships', 'image digests are pinned by the release pipeline',
  'PASSWORD_MIN_LENGTH=12', 'session.cookie.secure=true', 'spring.datasource.url=jdbc:postgresql://orders-db:5432/orders',
  'spring.datasource.password=${DB_PASSWORD}', 'password: {{ .password }}', 'redis://orders-cache:6379/0', 'rediss://:$(REDIS_AUTH_TOKEN)@orders-cache:6379',
  'amqp://rabbit.messaging.svc:5672', 'https://hooks.slack.com/', 'https://slack.com/api/chat.postMessage', 'xoxo-and-hugs', 'Bearer $(API_TOKEN)',
  'AKIAIOSFODNN7', 'sk-proj', 'ghs', 'EXAMPLEKEY', 'changelog-2027-01', 'sha256:' + sha('orders'), sha('orders', 'sha1'), sha('orders', 'md5'),
];

/** Generated ordinary values: digests, hashes, ids, hosts, tags, base64 of ordinary JSON, schedules, ARNs. */
function generated(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const s = `seed-${i}`;
    out.push(
      `sha256:${sha(s)}`,
      sha(s, 'sha1'),
      sha(s).slice(0, 7),
      uuid(s),
      `svc-${i}.team-${i % 7}.svc.cluster.local`,
      `registry.acme.dev/team-${i % 5}/app-${i}:${i % 3}.${i % 11}.${i}`,
      Buffer.from(JSON.stringify({ id: i, name: `item-${i}`, tags: ['a', 'b'] })).toString('base64'),
      `${i % 60} ${i % 24} * * *`,
      `arn:aws:iam::${String(100000000000 + i * 7919)}:role/service-${i}`,
      `https://service-${i}.apps.acme.dev/healthz?probe=${i}`,
    );
  }
  return out;
}

/** Every ordinary value: none is a credential. */
export const ORDINARY_VALUES: string[] = [...HAND_PICKED, ...generated()];

/**
 * Names ordinary values are stored under, and the secret-sounding names that hold references,
 * file paths and settings rather than credentials.
 */
export const ORDINARY_NAMES = ['LOG_LEVEL', 'image', 'host', 'schedule', 'DATABASE_URL', 'query', 'description', 'config.json', 'KEY_ID', 'CACHE_KEY', 'key', 'TOKEN_TTL', 'DB_PASSWORD_FILE', 'SECRET_NAME', 'tokenUrl', 'api-key-header', 'passwordPolicy'];

/** References a secret-named field may hold: they name where the credential is. */
export const REFERENCES = ['$(VAULT_TOKEN)', '${DB_PASSWORD}', '{{ .password }}', '/run/secrets/orders-db/password', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders', 'true', ''];

/** One credential of the corpus, with the detector that must find it by value alone. */
export interface CorpusSecret {
  readonly detector: string;
  readonly value: string;
  /** The part of the value no output may contain. */
  readonly secret: string;
}

const privateKey = (header: string, seed: string) => {
  const body = token(seed, `${ALNUM}+/`, 64);
  return { value: `-----BEGIN ${header}-----\n${body}\n${token(`${seed}2`, `${ALNUM}+/`, 64)}\n-----END ${header}-----`, secret: body };
};

/** Credentials by format: every one must be found wherever it is. */
export function formatSecrets(): CorpusSecret[] {
  const out: CorpusSecret[] = [];
  const add = (detector: string, value: string, secret: string = value) => out.push({ detector, value, secret });
  for (let i = 0; i < 6; i++) {
    const s = `secret-${i}`;
    const akid = `${i % 2 ? 'ASIA' : 'AKIA'}${token(s, UPPER_DIGITS, 16)}`;
    add('aws-access-key-id', akid, akid.slice(4));
    const awsSecret = token(`${s}-aws`, `${ALNUM}+/`, 40);
    add('aws-secret-access-key', `aws_secret_access_key = ${awsSecret}`, awsSecret);
    add('aws-secret-access-key', `[default]\naws_access_key_id=${akid}\naws_secret_access_key=${awsSecret}\n`, awsSecret);
    for (const header of ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PGP PRIVATE KEY BLOCK']) {
      if (i < 2) {
        const key = privateKey(header, `${s}-${header}`);
        add('private-key', key.value, key.secret);
      }
    }
    const claims = b64url(JSON.stringify({ sub: `user-${i}`, iat: 1700000000 + i, aud: 'orders' }));
    const signature = token(`${s}-sig`, `${ALNUM}-_`, 43);
    add('jwt', `${b64url('{"alg":"HS256","typ":"JWT"}')}.${claims}.${signature}`, signature);
    add('jwt', `Bearer ${b64url('{"alg":"RS256","kid":"k1"}')}.${claims}.${signature}`, signature);
    const stripe = token(`${s}-stripe`, ALNUM, 24 + i * 10);
    add('stripe-key', `${['sk_live_', 'rk_live_', 'sk_test_'][i % 3]}${stripe}`, stripe);
    const gh = token(`${s}-gh`, ALNUM, 36);
    add('github-token', `${['ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_', 'ghp_'][i]}${gh}`, gh);
    const pat = `${token(`${s}-pat`, ALNUM, 22)}_${token(`${s}-pat2`, ALNUM, 59)}`;
    add('github-token', `github_pat_${pat}`, pat);
    const slack = `${100000000 + i}-${200000000 + i}-${token(`${s}-slack`, ALNUM, 24)}`;
    add('slack-token', `xox${'baprs'[i % 5]}-${slack}`, slack);
    const hook = token(`${s}-hook`, ALNUM, 24);
    add('slack-webhook', `https://hooks.slack.com/services/T${token(s, UPPER_DIGITS, 8)}/B${token(`${s}b`, UPPER_DIGITS, 8)}/${hook}`, hook);
    const google = token(`${s}-google`, `${ALNUM}-_`, 35);
    add('google-api-key', `AIza${google}`, google);
    const password = token(`${s}-pw`, ALNUM, 8 + i);
    add('url-password', `${['postgres', 'mysql', 'redis', 'amqp', 'https', 'mongodb+srv'][i]}://app:${password}@db-${i}.acme.internal:5432/x`, password);
  }
  return out;
}

/** Names real services use for credentials, in every case style. */
export const SECRET_NAMES = [
  'DB_PASSWORD', 'dbPassword', 'db-password', 'db.password', 'PGPASSWORD', 'MYSQL_ROOT_PASSWORD', 'SMTP_PASS', 'REDIS_AUTH', 'BASIC_AUTH', 'auth',
  'API_TOKEN', 'GITHUB_TOKEN', 'accessToken', 'CLIENT_SECRET', 'JWT_SECRET', 'STRIPE_API_KEY', 'apiKey', 'APIKey', 'x-api-key', 'SENDGRID_APIKEY',
  'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'SECRET_KEY', 'GOOGLE_CREDENTIALS', 'passphrase', 'acme.dev/deploy-token',
];

/** Ordinary-looking passwords: found only by the name of the field they are in. */
export const PLAIN_PASSWORDS = ['hunter2', 'changeme', 'S3cr3t!', 'correct-horse-battery', '12345678', 'p@ssw0rd', 'Orders2027', token('plain', ALNUM, 16)];

/** Random keys under `*_KEY` names, found by entropy. */
export const KEY_NAMED_SECRETS: Array<[string, string]> = [
  ['LICENSE_KEY', token('lk', `${ALNUM}-`, 29)], ['HMAC_KEY', token('hk', ALNUM, 24)], ['stripeKey', token('sk', ALNUM, 32)], ['key', token('k', `${ALNUM}+/`, 44)],
];

/** A generated credential of any format, for property tests. */
export const anySecret: fc.Arbitrary<CorpusSecret> = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...formatSecrets().map((s) => s.detector)))
  .map(([n, detector]) => {
    const all = formatSecrets().filter((s) => s.detector === detector);
    const base = all[n % all.length];
    const fresh = token(`fresh-${n}`, ALNUM, base.secret.length);
    // Same shape, new body: replace the secret part with fresh characters of the same length.
    const alphabetSafe = detector === 'aws-access-key-id' ? token(`fresh-${n}`, UPPER_DIGITS, base.secret.length) : fresh;
    return { detector, value: base.value.split(base.secret).join(alphabetSafe), secret: alphabetSafe };
  });
