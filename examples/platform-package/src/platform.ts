import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Platform, ResourceSpec, Tier, TierDefaults } from 'paved';
import { HOST_NAMES_TEAM } from './rules';

/** Acme's container sizes beyond Paved's small, standard and large. */
export const ACME_PRESETS: { [name: string]: ResourceSpec } = {
  xlarge: { cpuRequest: Cpu.units(1), cpuLimit: Cpu.units(4), memoryRequest: Size.gibibytes(2), memoryLimit: Size.gibibytes(4) },
};

/**
 * Acme's platform: its domain and registry, three replicas at least in production, its presets,
 * the cost-centre label on everything, and Acme's own rule next to Paved's packs.
 */
export const acme = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
  presets: ACME_PRESETS,
  tiers: { production: { ...TierDefaults.of(Tier.PRODUCTION), minReplicas: 3, defaultReplicas: { min: 3, max: 12 } } },
  labels: { 'acme.dev/cost-centre': 'engineering' },
  policy: { rules: [HOST_NAMES_TEAM] },
});
