import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Errors } from '../../src/errors';
import { Platform, PlatformProps } from '../../src/platform/platform';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { Tier } from '../../src/platform/tier';
import { TierDefaults } from '../../src/platform/tier-settings';
import { errorOf } from '../support/errors';
import { PLATFORM_PROPS } from '../support/fixtures';


describe('Platform', () => {
  test('has safe defaults for everything but name, domain and registries', () => {
    const platform = new Platform(PLATFORM_PROPS);
    expect(platform).toMatchObject({
      ingressClassName: 'nginx',
      clusterIssuer: 'letsencrypt',
      ingressControllerNamespace: 'ingress-nginx',
      dnsNamespace: 'kube-system',
      readinessPath: '/readyz',
      livenessPath: '/livez',
      runAsUser: 10001,
    });
    expect(platform.presetNames).toEqual(['large', 'small', 'standard']);
    expect(platform.tierSettings(Tier.PRODUCTION)).toEqual(TierDefaults.of(Tier.PRODUCTION));
  });

  test('merges custom presets over the built-in ones', () => {
    const xlarge = { cpuRequest: Cpu.units(2), cpuLimit: Cpu.units(4), memoryRequest: Size.gibibytes(4), memoryLimit: Size.gibibytes(8) };
    const platform = new Platform({ ...PLATFORM_PROPS, presets: { xlarge } });
    expect(platform.presetNames).toEqual(['large', 'small', 'standard', 'xlarge']);
    expect(platform.resolvePreset(ResourcePreset.named('xlarge'), 'x')).toBe(xlarge);
    expect(platform.largestPreset().memoryLimit.toGibibytes()).toBe(8);
  });

  test('lets a platform resize a built-in preset for everyone', () => {
    const standard = { cpuRequest: Cpu.millis(300), cpuLimit: Cpu.units(1), memoryRequest: Size.mebibytes(384), memoryLimit: Size.mebibytes(768) };
    const platform = new Platform({ ...PLATFORM_PROPS, presets: { standard } });
    expect(platform.resolvePreset(ResourcePreset.STANDARD, 'x')).toBe(standard);
  });

  test('overrides one tier and keeps the others', () => {
    const production = { ...TierDefaults.of(Tier.PRODUCTION), minReplicas: 3, defaultReplicas: { min: 3, max: 12 } };
    const platform = new Platform({ ...PLATFORM_PROPS, tiers: { production } });
    expect(platform.tierSettings(Tier.PRODUCTION).minReplicas).toBe(3);
    expect(platform.tierSettings(Tier.STAGING)).toEqual(TierDefaults.of(Tier.STAGING));
  });

  test('takes probe settings', () => {
    const platform = new Platform({ ...PLATFORM_PROPS, probes: { readinessPath: '/health/ready', period: Duration.seconds(5) } });
    expect(platform.readinessPath).toBe('/health/ready');
    expect(platform.probePeriod.toSeconds()).toBe(5);
  });

  const bad: Array<[string, Partial<PlatformProps>, RegExp]> = [
    ['a name that is not a DNS label', { name: 'Acme Corp' }, /^Platform\(Acme Corp\): name "Acme Corp" must be a DNS-1123 label/],
    ['a domain that is not a DNS name', { domain: 'apps..acme' }, /domain "apps..acme" must be a lower-case DNS name/],
    ['no registries', { registries: [] }, /registries \[\] must list at least one registry/],
    ['a registry that is not a host', { registries: ['https://registry.acme.dev'] }, /registries\[0\] "https:" must be a lower-case DNS name/],
    ['an unknown tier', { tiers: { prod: TierDefaults.of(Tier.PRODUCTION) } }, /tiers key "prod" is not a tier \(allowed: preview, development, staging, production\)/],
    ['a replica ceiling below the floor', { tiers: { production: { ...TierDefaults.of(Tier.PRODUCTION), maxReplicas: 1 } } }, /tiers.production.maxReplicas \(1\) must be a whole number from 2 to 1000/],
    ['a tier whose default is below its floor', { tiers: { production: { ...TierDefaults.of(Tier.PRODUCTION), defaultReplicas: { min: 1, max: 3 } } } }, /tiers.production.defaultReplicas.min \(1\) must be a whole number from 2 to 1000/],
    ['a preset requesting more than its limit', { presets: { odd: { cpuRequest: Cpu.units(2), cpuLimit: Cpu.units(1), memoryRequest: Size.mebibytes(1), memoryLimit: Size.mebibytes(1) } } }, /presets.odd.cpuRequest \(2\) must not exceed cpuLimit \(1\)/],
    ['a root user', { runAsUser: 0 }, /runAsUser \(0\) must be a whole number from 1 to 2147483647/],
    ['a relative probe path', { probes: { livenessPath: 'healthz' } }, /probes.livenessPath "healthz" must be an absolute HTTP path/],
    ['a label value with spaces', { labels: { team: 'the payments team' } }, /labels.team "the payments team" must be a Kubernetes label value/],
  ];
  test.each(bad)('rejects %s', (_what, props, message) => {
    const error = errorOf(() => new Platform({ ...PLATFORM_PROPS, ...props }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(message);
  });

  test('rejects an unknown preset, listing the defined ones', () => {
    expect(() => new Platform(PLATFORM_PROPS).resolvePreset(ResourcePreset.named('tiny'), 'payments-prod/orders-api')).toThrow(
      'payments-prod/orders-api: resources preset "tiny" is not defined by platform acme (defined: large, small, standard)',
    );
  });

  test('does not resolve inherited object keys as presets', () => {
    expect(() => new Platform(PLATFORM_PROPS).resolvePreset(ResourcePreset.named('constructor'), 'x')).toThrow(/not defined by platform/);
  });
});
