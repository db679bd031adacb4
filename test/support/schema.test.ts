import { synth, testEnvironment, testService } from './fixtures';
import { manifestsOf, validateAgainstSchemas } from './schema';

// The validator is itself a test instrument: prove it can fail.
describe('validateAgainstSchemas', () => {
  const env = testEnvironment();
  testService(env);
  const deployment = synth(env).find((o) => o.kind === 'Deployment');

  test('accepts a valid object', () => {
    expect(() => validateAgainstSchemas(manifestsOf(env))).not.toThrow();
  });

  test('rejects a field of the wrong type, naming the object', () => {
    const bad = { ...deployment, spec: { ...deployment.spec, replicas: 'two' } };
    expect(() => validateAgainstSchemas([bad])).toThrow(/Deployment\/orders-api: .*replicas/);
  });

  test('rejects a kind it has no schema for', () => {
    expect(() => validateAgainstSchemas([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toThrow(/no upstream schema known for example.com\/v1 Widget/);
  });
});
