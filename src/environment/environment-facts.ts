/**
 * What one environment promises, as its platform and tier set it: the facts the guardrail and
 * exposure rules compare synthesized objects against. The Environment builds its own objects
 * from the same facts, so what it writes and what policy expects cannot drift apart.
 */
export interface EnvironmentFacts {
  /** The environment's namespace, e.g. `payments-production`. */
  readonly namespace: string;
  /**
   * Whether the chart being checked is the Environment itself, where its own objects are
   * written, rather than a chart nested inside it.
   */
  readonly ownChart: boolean;
  /** The cluster guardrails the environment writes into its namespace. */
  readonly guardrails: GuardrailFacts;
  /** What the platform lets be reached from outside the cluster. */
  readonly exposure: ExposureFacts;
}

/** An object the environment writes, by name and spec. */
export interface ExpectedObject {
  /** Its `metadata.name`, e.g. `paved-quota`. */
  readonly name: string;
  /** Its `spec` exactly as the environment writes it. */
  readonly spec: any;
}

/** The namespace's own guardrails, which nothing in the app may remove or loosen. */
export interface GuardrailFacts {
  /** The ResourceQuota sized by the tier, with no LoadBalancer and no NodePort. */
  readonly resourceQuota: ExpectedObject;
  /** The LimitRange: per-container defaults and ceilings from the platform's presets. */
  readonly limitRange: ExpectedObject;
  /** The NetworkPolicy denying all ingress and all egress but DNS to cluster DNS. */
  readonly defaultDeny: ExpectedObject;
}

/** Where the platform's ingress traffic may go. */
export interface ExposureFacts {
  /** Domains ingress hosts must be strictly under: the platform's `domain`, then any additional ones. */
  readonly domains: string[];
  /** The IngressClass every Ingress must use. */
  readonly ingressClassName: string;
}
