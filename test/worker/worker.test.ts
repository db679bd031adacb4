import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { queueWorker, TestQueue, workerEnvironment, INVOICER } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { Worker } from '../../src/worker/worker';
import { WorkerScaling } from '../../src/worker/worker-scaling';
import { everyPack, find, synth } from '../support/fixtures';

describe('smoke', () => {
  test('synth', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    queueWorker(env);
    const objects = synth(env);
    console.log(JSON.stringify(objects.filter((o) => o.metadata.name === 'invoicer'), null, 1));
    console.log(PolicyTesting.findings(env, { packs: everyPack() }).map((f) => `${f.ruleId} ${f.message ?? ''} ${JSON.stringify(f)}`).join('\n'));
  });
});
