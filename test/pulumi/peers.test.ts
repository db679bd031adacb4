import { PULUMI_PEERS, requirePeers } from '../../src/pulumi/peers';

function missing(id: string): Error {
  return Object.assign(new Error(`Cannot find module '${id}' from 'index.ts'`), { code: 'MODULE_NOT_FOUND' });
}

describe('requirePeers', () => {
  test('passes when every Pulumi package loads', () => {
    expect(() => requirePeers(() => ({}))).not.toThrow();
  });

  test('names each missing package and the command that installs them all', () => {
    const load = (id: string) => {
      if (id !== '@pulumi/pulumi') throw missing(id);
      return {};
    };
    expect(() => requirePeers(load)).toThrow(
      'paved/pulumi needs @pulumi/aws, @pulumi/random, which are not installed. ' +
      'Paved does not install Pulumi for cdk8s-only users; in a Pulumi program run: npm install @pulumi/pulumi @pulumi/aws @pulumi/random',
    );
  });

  test('lets a package that is present but broken fail with its own error', () => {
    const broken = Object.assign(new Error("Cannot find module './native' from 'aws.js'"), { code: 'MODULE_NOT_FOUND' });
    expect(() => requirePeers((id) => { if (id === '@pulumi/aws') throw broken; })).toThrow(broken);
  });

  test('covers the packages paved/pulumi imports', () => {
    expect(PULUMI_PEERS).toEqual(['@pulumi/pulumi', '@pulumi/aws', '@pulumi/random']);
  });
});
