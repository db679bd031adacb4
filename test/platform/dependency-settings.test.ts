import { Errors } from '../../src/errors';
import { Platform, PlatformProps } from '../../src/platform/platform';
import { errorOf } from '../support/errors';
import { PLATFORM_PROPS, TEST_AWS } from '../support/fixtures';


describe('Platform dependency settings', () => {
  test('default to no AWS account, no seeds and in-cluster images mirrored in the first registry', () => {
    const platform = new Platform({ ...PLATFORM_PROPS, registries: ['registry.acme.dev/payments', 'ghcr.io/acme'] });
    expect(platform.aws).toBeUndefined();
    expect(platform.seeds).toEqual({});
    expect(platform.postgresRepository).toBe('registry.acme.dev/payments/mirror/postgres');
    expect(platform.redisRepository).toBe('registry.acme.dev/payments/mirror/redis');
  });

  test('fill in the default secret store and copy what they are given', () => {
    const cidrs = ['10.0.0.0/16'];
    const platform = new Platform({ ...PLATFORM_PROPS, aws: { ...TEST_AWS, privateNetworkCidrs: cidrs } });
    cidrs.push('0.0.0.0/0');
    expect(platform.aws).toEqual({ ...TEST_AWS, secretStore: 'aws-secrets-manager', kedaServiceAccount: 'keda:keda-operator' });
  });

  test('keep the KEDA service account the platform names', () => {
    expect(new Platform({ ...PLATFORM_PROPS, aws: { ...TEST_AWS, kedaServiceAccount: 'autoscaling:keda' } }).aws!.kedaServiceAccount).toBe('autoscaling:keda');
  });

  test('keep the seeds the platform defines', () => {
    const platform = new Platform({ ...PLATFORM_PROPS, seeds: { demo: { image: 'registry.acme.dev/data/demo:1.0.0', command: ['/load'] } } });
    expect(platform.seeds).toEqual({ demo: { image: 'registry.acme.dev/data/demo:1.0.0', command: ['/load'], args: undefined } });
  });

  const cases: Array<[string, Partial<PlatformProps>, string | RegExp]> = [
    ['an account id that is not 12 digits', { aws: { ...TEST_AWS, accountId: '1234' } }, 'Platform(acme): aws.accountId "1234" must be a 12-digit AWS account id'],
    ['a region that is not one', { aws: { ...TEST_AWS, region: 'Europe' } }, 'Platform(acme): aws.region "Europe" is not an AWS region name (e.g. eu-west-1)'],
    ['no private networks', { aws: { ...TEST_AWS, privateNetworkCidrs: [] } }, 'Platform(acme): aws.privateNetworkCidrs [] must list the private networks RDS and ElastiCache live in'],
    ['a network that is not a CIDR', { aws: { ...TEST_AWS, privateNetworkCidrs: ['10.0.0.300/16'] } }, 'aws.privateNetworkCidrs[0] "10.0.0.300/16" is not an IPv4 CIDR block'],
    ['the whole internet as a private network', { aws: { ...TEST_AWS, privateNetworkCidrs: ['10.0.0.0/16', '0.0.0.0/0'] } }, 'aws.privateNetworkCidrs[1] "0.0.0.0/0" is wider than /8'],
    ['a KEDA service account without its namespace', { aws: { ...TEST_AWS, kedaServiceAccount: 'keda-operator' } }, 'Platform(acme): aws.kedaServiceAccount "keda-operator" must be "<namespace>:<service account>", e.g. "keda:keda-operator"'],
    ['a KEDA namespace that is not a DNS label', { aws: { ...TEST_AWS, kedaServiceAccount: 'KEDA:keda-operator' } }, /aws.kedaServiceAccount namespace "KEDA"/],
    ['a secret store that is not a Kubernetes name', { aws: { ...TEST_AWS, secretStore: 'AWS Store' } }, /aws.secretStore "AWS Store" must be a lower-case DNS name/],
    ['a seed image outside the registries', { seeds: { demo: { image: 'docker.io/acme/seed:1.0.0' } } }, 'image "docker.io/acme/seed:1.0.0" is not from an allowed registry (registry.acme.dev)'],
    ['an unpinned seed image', { seeds: { demo: { image: 'registry.acme.dev/data/seed' } } }, /seeds.demo.image: image "registry.acme.dev\/data\/seed" is not pinned/],
    ['a seed name that is not a DNS label', { seeds: { 'Last 7 Days': { image: 'registry.acme.dev/data/seed:1.0.0' } } }, /seeds key "Last 7 Days" must be a DNS-1123 label/],
    ['seed args that are not strings', { seeds: { demo: { image: 'registry.acme.dev/data/seed:1.0.0', args: [7 as any] } } }, 'seeds.demo.args ([7]) must be a list of strings'],
    ['an in-cluster image outside the registries', { inClusterImages: { postgresRepository: 'docker.io/library/postgres' } }, /inClusterImages.postgresRepository: image "docker.io\/library\/postgres:16" is not from an allowed registry/],
  ];

  test.each(cases)('reject %s, naming the prop and value', (_what, overrides, message) => {
    const error = errorOf(() => new Platform({ ...PLATFORM_PROPS, ...overrides }));
    expect(Errors.isPavedError(error)).toBe(true);
    if (typeof message === 'string') expect(error.message).toContain(message);
    else expect(error.message).toMatch(message);
  });
});
