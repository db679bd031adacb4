import {
  componentEntityV1alpha1Validator, DefaultNamespaceEntityPolicy, EntityPolicies, FieldFormatEntityPolicy,
  locationEntityV1alpha1Validator, NoForeignRootFieldsEntityPolicy, resourceEntityV1alpha1Validator, SchemaValidEntityPolicy,
} from '@backstage/catalog-model';

/** The policies Backstage's catalog applies to every entity it ingests. */
const POLICY = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** The kind validators Backstage's catalog runs after the policies. */
const VALIDATORS = {
  Component: componentEntityV1alpha1Validator,
  Resource: resourceEntityV1alpha1Validator,
  Location: locationEntityV1alpha1Validator,
};

/**
 * Validates entities as Backstage's catalog does: the entity policies, then the kind's own schema.
 * Throws naming the entity; fails on a kind it has no validator for.
 */
export async function validateCatalogEntities(entities: any[]): Promise<void> {
  for (const entity of entities) {
    const id = `${entity.kind}:${entity.metadata?.name}`;
    const enforced = await POLICY.enforce(structuredClone(entity));
    if (!enforced) throw new Error(`${id}: rejected by the catalog's entity policies`);
    const validator = VALIDATORS[entity.kind as keyof typeof VALIDATORS];
    if (!validator) throw new Error(`${id}: no validator for kind ${entity.kind}`);
    if (!(await validator.check(enforced))) throw new Error(`${id}: not recognised by the ${entity.kind} validator`);
  }
}
