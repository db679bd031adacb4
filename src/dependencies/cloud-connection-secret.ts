import { Construct } from 'constructs';
import { ExternalSecret, ExternalSecretDataFrom } from './external-secret';

/**
 * How often cloud connection details are read again: rotated credentials (the RDS-managed
 * master password rotates every seven days) reach the Secret within the hour, and reach a pod
 * when it next starts.
 */
export const CLOUD_REFRESH_INTERVAL = '1h';

/** What the ExternalSecret of a cloud-realised dependency reads. */
export interface CloudConnectionSecretProps {
  /** The Kubernetes Secret to write, and the ExternalSecret's name. */
  readonly name: string;
  readonly labels: { [key: string]: string };
  /** The ClusterSecretStore that reads the platform's Secrets Manager. */
  readonly secretStore: string;
  /** The Secrets Manager secret named by the naming contract (`Dependency.cloudSecretName`). */
  readonly remoteKey: string;
  /** The JSON properties of `remoteKey` to copy, each to the Secret key of the same name. */
  readonly properties: string[];
  /** Further values, for what the naming contract cannot name (the RDS-managed password). */
  readonly dataFrom?: ExternalSecretDataFrom[];
  /** Templates for every key of the Secret, when the values need combining. */
  readonly template?: { [key: string]: string };
}

/** The ExternalSecret that copies a cloud dependency's connection details into the namespace. */
export function cloudConnectionSecret(scope: Construct, props: CloudConnectionSecretProps): ExternalSecret {
  return new ExternalSecret(scope, 'ExternalSecret', {
    metadata: { name: props.name, labels: props.labels },
    spec: {
      refreshInterval: CLOUD_REFRESH_INTERVAL,
      secretStoreRef: { kind: 'ClusterSecretStore', name: props.secretStore },
      target: {
        name: props.name,
        creationPolicy: 'Owner',
        ...(props.template ? { template: { engineVersion: 'v2', data: props.template } } : {}),
      },
      data: props.properties.map((property) => ({ secretKey: property, remoteRef: { key: props.remoteKey, property } })),
      ...(props.dataFrom ? { dataFrom: props.dataFrom } : {}),
    },
  });
}
