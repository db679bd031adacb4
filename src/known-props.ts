import * as fs from 'fs';
import * as path from 'path';
import { compareStrings } from './compare';
import { PavedError } from './errors';
import { nearestIds } from './nearest-ids';

/**
 * Refuses props the construct does not have, at any depth: `replica:` for `replicas:`, or
 * `ingress: { hots }`. The type checker catches these, but a team repo that runs on Node's type
 * stripping or a transpiler has none at synth, and a misspelt optional prop would otherwise fall
 * back to its default without a word.
 *
 * The one source of what each props type holds is the jsii assembly (`.jsii`, at the package
 * root beside `lib/` and `src/`), compiled from the interfaces themselves; it is read once, on
 * the first construct that asks.
 */
export function requireKnownProps(constructPath: string, typeName: string, props: unknown): void {
  checkValue(constructPath, 'props', { fqn: `paved.${typeName}` }, props);
}

/** The parts of a jsii type reference that lead to nested structs. */
interface TypeRef {
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
}

interface Struct {
  readonly properties: ReadonlyMap<string, TypeRef>;
}

let structs: Map<string, Struct> | undefined;

function structsOf(): Map<string, Struct> {
  if (structs) return structs;
  const file = path.join(__dirname, '..', '.jsii');
  let assembly: any;
  try {
    assembly = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`paved: cannot read its type assembly ${file} (${(e as Error).message}); reinstall paved, or build it with \`npx projen compile\``);
  }
  const types: { [fqn: string]: any } = assembly.types ?? {};
  const collect = (fqn: string, into: Map<string, TypeRef>): void => {
    const type = types[fqn];
    for (const parent of type?.interfaces ?? []) collect(parent, into);
    for (const p of type?.properties ?? []) into.set(p.name, p.type);
  };
  structs = new Map();
  for (const [fqn, type] of Object.entries(types)) {
    if (!type.datatype) continue;
    const properties = new Map<string, TypeRef>();
    collect(fqn, properties);
    structs.set(fqn, { properties });
  }
  return structs;
}

function checkValue(constructPath: string, where: string, type: TypeRef, value: unknown): void {
  if (value === undefined || value === null) return;
  if (type.collection) {
    if (typeof value !== 'object') return;
    const entries = type.collection.kind === 'array' && Array.isArray(value)
      ? value.map((v, i) => [`${where}[${i}]`, v] as const)
      : Object.entries(value).map(([k, v]) => [`${where}.${k}`, v] as const);
    for (const [at, element] of entries) checkValue(constructPath, at, type.collection.elementtype, element);
    return;
  }
  const struct = type.fqn ? structsOf().get(type.fqn) : undefined;
  // Classes (Duration, Platform, a Dependency) and primitives are checked where they are used.
  if (!struct || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, element] of Object.entries(value)) {
    const propertyType = struct.properties.get(key);
    if (propertyType === undefined) {
      const near = nearestIds(key, struct.properties.keys());
      const hint = near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : `known: ${[...struct.properties.keys()].sort(compareStrings).join(', ')}`;
      throw new PavedError(constructPath, `${where}.${key} is not a prop of ${type.fqn!.replace(/^paved\./, '')}: ${hint}`);
    }
    checkValue(constructPath, `${where}.${key}`, propertyType, element);
  }
}
