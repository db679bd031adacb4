import { readFileSync } from 'fs';
import { REFERENCE, pulumiReference } from './pulumi-reference';

// API.md cannot describe paved/pulumi (jsii does not read it); docs/pulumi.md does, and must say
// what the sources say.
test('docs/pulumi.md is the reference generated from the TSDoc of paved/pulumi', () => {
  const generated = pulumiReference();
  expect(generated).toMatch(/^## class `PavedCloud`$/m);
  expect(generated).toMatch(/^## class `PavedMocks`$/m);
  expect(generated).toContain('| `readonly platform?` | `Platform` |');
  if (readFileSync(REFERENCE, 'utf8') !== generated) {
    throw new Error('docs/pulumi.md is stale: run `npx projen docgen:pulumi` and commit it');
  }
}, 120_000);
