import { ApiObject, App, Chart } from 'cdk8s';

/**
 * Validates every object against the upstream Kubernetes OpenAPI schemas shipped by the
 * `kubernetes-models` packages. Throws listing every invalid object, and fails on any
 * apiVersion/kind it has no schema for, so a new kind cannot slip through unvalidated.
 */
export function validateAgainstSchemas(objects: any[]): void {
  const problems: string[] = [];
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata?.name}`;
    const schema = schemaFor(object.apiVersion, object.kind);
    if (!schema) {
      problems.push(`${id}: no upstream schema known for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new schema.Model({ ...object, apiVersion: schema.apiVersion }).validate();
    } catch (e: any) {
      problems.push(`${id}: ${e.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`schema validation failed:\n${problems.join('\n')}`);
}

/** Every object of every chart in `app`, as it would be written (escape hatches applied). */
export function manifestsOf(scope: App | Chart): any[] {
  const charts = scope instanceof App ? scope.charts : [scope];
  return charts.flatMap((c) => c.node.findAll().filter(ApiObject.isApiObject).map((o) => o.toJson()));
}

/**
 * CRD groups whose models come from their own `@kubernetes-models/*` package, and the schema
 * version each apiVersion is checked against. The CommonJS line of the External Secrets models
 * (0.5.x) predates `external-secrets.io/v1`, which upstream promoted from v1beta1 with the same
 * ExternalSecret schema; v1 objects are checked against v1beta1.
 */
const CRD_SCHEMAS: { [apiVersion: string]: { modules: string[]; apiVersion: string } } = {
  'external-secrets.io/v1': { modules: ['@kubernetes-models/external-secrets/external-secrets.io/v1beta1'], apiVersion: 'external-secrets.io/v1beta1' },
  'generators.external-secrets.io/v1alpha1': { modules: ['@kubernetes-models/external-secrets/generators.external-secrets.io/v1alpha1'], apiVersion: 'generators.external-secrets.io/v1alpha1' },
  'monitoring.coreos.com/v1': { modules: ['@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'], apiVersion: 'monitoring.coreos.com/v1' },
  'keda.sh/v1alpha1': { modules: ['@kubernetes-models/keda/keda.sh/v1alpha1'], apiVersion: 'keda.sh/v1alpha1' },
  // Argo CD (Application, AppProject, ApplicationSet) and Argo Rollouts (Rollout, AnalysisTemplate) share one group and version.
  'argoproj.io/v1alpha1': {
    modules: ['@kubernetes-models/argo-cd/argoproj.io/v1alpha1', '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1'],
    apiVersion: 'argoproj.io/v1alpha1',
  },
};

type Schema = { Model: new (data: any) => { validate(): void }; apiVersion: string };

function schemaFor(apiVersion: string, kind: string): Schema | undefined {
  const crd = CRD_SCHEMAS[apiVersion];
  // Core kinds live at kubernetes-models/v1/<Kind>, grouped kinds at kubernetes-models/<group>/<version>/<Kind>.
  const paths = crd ? crd.modules.map((m) => `${m}/${kind}`) : [`kubernetes-models/${apiVersion}/${kind}`];
  for (const path of paths) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path);
      const Model = mod[kind] ?? mod.default;
      if (Model) return { Model, apiVersion: crd?.apiVersion ?? apiVersion };
    } catch {
      // not in this package: try the next
    }
  }
  return undefined;
}
