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
    const Model = modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${id}: no upstream schema known for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
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

function modelFor(apiVersion: string, kind: string): (new (data: any) => { validate(): void }) | undefined {
  // Core kinds live at kubernetes-models/v1/<Kind>, grouped kinds at kubernetes-models/<group>/<version>/<Kind>.
  const candidates = [`kubernetes-models/${apiVersion}/${kind}`];
  for (const path of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path);
      return mod[kind] ?? mod.default;
    } catch {
      continue;
    }
  }
  return undefined;
}
