import { guardedScope } from './support/fixtures';
import { RecordingMocks, registered, useMocks } from './support/mocks';
import { createDataKey } from '../../src/pulumi/data-key';
import { ResourceScope } from '../../src/pulumi/resource-scope';
import { Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

let scopes = 0;
const scope = (): ResourceScope => guardedScope(Tier.STAGING, `scope-${scopes++}`);

describe('createDataKey', () => {
  test('rotates yearly and waits the longest window before deletion', async () => {
    await registered(createDataKey('k', 'Paved: test', scope()));
    expect(mocks.find('aws:kms/key:Key', 'k').inputs).toEqual({ description: 'Paved: test', enableKeyRotation: true, deletionWindowInDays: 30, tags: { team: 'payments' } });
  });

  test('refuses an override that stops rotation', () => {
    expect(() => createDataKey('still', 'x', scope(), { enableKeyRotation: false })).toThrow(/data\.kms-rotation/);
  });
});
