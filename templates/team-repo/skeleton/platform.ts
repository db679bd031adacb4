import { Platform } from 'paved';

/**
 * The organisation's conventions. Once the platform team publishes its own package, import the
 * platform from there instead, and delete this file.
 */
export const platform = new Platform({
  name: '${{ values.platformName }}',
  domain: '${{ values.domain }}',
  registries: ['${{ values.registry }}'],
});
