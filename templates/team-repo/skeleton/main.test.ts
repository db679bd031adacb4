import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Testing } from 'cdk8s';
import { buildApp } from './main.ts';

// The team's snapshot test: any change to what the platform generates shows up in review.
// `npm run test:update` rewrites main.test.ts.snapshot after an intended change.
test('every environment matches its snapshot', (t) => {
  for (const chart of buildApp(Testing.app(), 1).charts) {
    t.assert.snapshot(Testing.synth(chart), { serializers: [(v) => JSON.stringify(v, undefined, 2)] });
  }
});

test('without a pull request there is no preview', () => {
  const ids = buildApp(Testing.app(), undefined).charts.map((c) => c.node.id);
  assert.deepEqual(ids, ['${{ values.team }}-staging', '${{ values.team }}-prod', 'gitops']);
});
