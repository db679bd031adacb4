// @acme/platform: what every Acme team repository imports instead of writing its own Platform.
export { acme, ACME_PRESETS } from './platform';
export { HOST_NAMES_TEAM } from './rules';
