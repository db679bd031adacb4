import { DataSecurityPack } from './packs/data-security';
import { RulePack } from './rule-pack';
import { RulePacks } from './rule-packs';

/**
 * The packs every environment is checked against when neither its platform nor the app names
 * any. The one place the default comes from.
 *
 * @internal
 */
export function defaultPacks(): RulePack[] {
  return [...RulePacks.all(), DataSecurityPack.pack()];
}
