import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PavedError } from '../errors';
import { Platform } from '../platform/platform';
import { requireDnsSubdomain, show } from '../validate';

/** How a service is exposed outside the cluster. */
export interface ServiceIngressOptions {
  /** The public host name; must be within the platform's domain (e.g. `orders.apps.acme.dev`). */
  readonly host: string;
  /**
   * The path prefix routed to the service.
   *
   * @default "/"
   */
  readonly path?: string;
}

/** Checks `options` against the platform's domain; returns the path prefix to route. */
export function validateIngress(scopePath: string, platform: Platform, options: ServiceIngressOptions): string {
  requireDnsSubdomain(scopePath, 'ingress.host', options.host);
  if (!options.host.endsWith(`.${platform.domain}`)) {
    throw new PavedError(scopePath, `ingress.host ${show(options.host)} is not within the platform domain ${platform.domain} (use <name>.${platform.domain})`);
  }
  const path = options.path ?? '/';
  if (!/^\/[A-Za-z0-9\-._~/]*$/.test(path)) {
    throw new PavedError(scopePath, `ingress.path ${show(path)} must be an absolute URL path of letters, digits and "-._~/"`);
  }
  return path;
}

/** An Ingress on the platform's class with a TLS certificate from its cluster issuer. */
export function createIngress(scope: Construct, props: {
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly platform: Platform;
  readonly host: string;
  readonly path: string;
  readonly port: number;
  /**
   * The Service the Ingress routes to. A canary routed by ingress-nginx routes to its stable
   * Service, which Argo Rollouts requires of the Ingress it clones for the canary's share.
   *
   * @default - the service's own Service, `name`
   */
  readonly backendService?: string;
}): ApiObject {
  return new ApiObject(scope, 'Ingress', k8s.KubeIngress.manifest({
    metadata: {
      name: props.name,
      labels: props.labels,
      annotations: { 'cert-manager.io/cluster-issuer': props.platform.clusterIssuer },
    },
    spec: {
      ingressClassName: props.platform.ingressClassName,
      tls: [{ hosts: [props.host], secretName: `${props.name}-tls` }],
      rules: [{
        host: props.host,
        http: {
          paths: [{
            path: props.path,
            pathType: 'Prefix',
            backend: { service: { name: props.backendService ?? props.name, port: { number: props.port } } },
          }],
        },
      }],
    },
  }));
}
