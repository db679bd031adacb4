/** The packages `paved/pulumi` needs beside `paved`, which a cdk8s-only user never installs. */
export const PULUMI_PEERS = ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/random'];

/**
 * Fails with the install command when a Pulumi package is missing, instead of a bare
 * "Cannot find module" from deep inside the first component file that imports it.
 *
 * `load` is the module loader to probe with (the caller's `require`).
 */
export function requirePeers(load: (id: string) => unknown): void {
  const missing = PULUMI_PEERS.filter((id) => {
    try {
      load(id);
      return false;
    } catch (e: any) {
      // A package that is present but fails while loading is a different problem: let it surface.
      if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${id}'`)) return true;
      throw e;
    }
  });
  if (missing.length > 0) {
    throw new Error(
      `paved/pulumi needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed. ` +
      `Paved does not install Pulumi for cdk8s-only users; in a Pulumi program run: npm install ${PULUMI_PEERS.join(' ')}`,
    );
  }
}
