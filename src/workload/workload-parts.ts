import { ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { addConfigFiles } from './config-files';
import { ResolvedWorkload } from './resolve-workload';
import { addScratchVolumes } from './scratch-volumes';
import { addStoreSecrets } from './store-secrets';
import { ExternalSecret } from '../dependencies/external-secret';

/** The objects a workload's secrets and files add; each absent when the workload declares none. */
export interface WorkloadPartObjects {
  readonly storeSecrets?: ExternalSecret;
  readonly files?: kplus.ConfigMap;
}

/**
 * Adds what a workload declares beside its image, the same for every kind: variables from the
 * organisation's store, read-only files, and scratch directories.
 */
export function addWorkloadParts(
  scope: Construct,
  target: { readonly labels: { [key: string]: string }; readonly container: kplus.Container; readonly podMetadata: ApiObjectMetadataDefinition },
  workload: ResolvedWorkload,
): WorkloadPartObjects {
  const storeSecrets = workload.secrets && addStoreSecrets(scope, target, workload.secrets);
  const files = workload.files && addConfigFiles(scope, target, workload.files);
  if (workload.scratch) addScratchVolumes(scope, target.container, workload.scratch);
  return { storeSecrets, files };
}
