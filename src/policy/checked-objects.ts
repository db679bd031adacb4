import { IRule, RuleCategory, Severity, Violation } from './rule';

/**
 * One object the rules check: a rendered document, or an object inside one (an item of a List, a
 * document of a rendering that is a sequence of documents).
 *
 * @internal
 */
export interface CheckedObject {
  /** The object as the rules see it; a list's own fields without its `items`. */
  readonly json: any;
  /**
   * Where the object sits inside the rendering, e.g. `List/bundle items[2]`; undefined for the
   * rendering itself.
   */
  readonly within?: string;
}

/** The id of the engine's own rule; reserved, so no pack or app can reuse or relax it. */
export const CHECKABLE_RULE_ID = 'policy.checkable-object';

/**
 * Every rendered document is something the rules can check: a Kubernetes object with an
 * `apiVersion` and a `kind`, and, when it is a list, items that are such objects too.
 *
 * It is the engine's guarantee rather than a pack's choice: it always enforces and no one can
 * configure or suppress it, because what it finds is an object no other rule could look at.
 * It runs once on each raw rendering (not per checked object), so it sees the items it refuses.
 *
 * @internal
 */
export const CHECKABLE_RULE: IRule = {
  id: CHECKABLE_RULE_ID,
  title: 'Every synthesized object can be checked by policy',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'kubectl and Argo CD apply every item of a document that has `items` (whatever its kind) and infer '
    + 'the kind of a typed list\'s items; an item policy cannot read as an object is an object that would reach '
    + 'the cluster unchecked.',
  remediation: 'Give every document, and every item of a List, an apiVersion and a kind (a typed list such as '
    + 'DeploymentList may leave both out of its items), or render the objects as documents of their own.',
  kinds: ['*'],
  check: (rendering) => uncheckableParts(rendering, ''),
};

/**
 * The objects in one rendering, in document order: the rendering itself, and recursively each
 * item of a list and each document of a sequence. Parts that are not checkable objects are left
 * out here; `CHECKABLE_RULE` reports them. Linear in the size of the rendering's lists.
 *
 * A document is a list when it has `items`, whatever its kind: that is how the Kubernetes API
 * machinery decodes a document (`unstructuredJSONScheme`), so it is how kubectl applies it.
 *
 * @internal
 */
export function checkedObjects(rendering: any): CheckedObject[] {
  const out: CheckedObject[] = [];
  collect(rendering, undefined, out);
  return out;
}

function collect(document: any, within: string | undefined, out: CheckedObject[]): void {
  if (Array.isArray(document)) {
    document.forEach((d, i) => collect(d, join(within, `[${i}]`), out));
    return;
  }
  if (!isCheckable(document)) return;
  if (!Array.isArray(document.items)) {
    out.push({ json: document, within });
    return;
  }
  const { items, ...envelope } = document;
  out.push({ json: envelope, within });
  const container = join(within, label(document));
  items.forEach((item: unknown, i: number) => {
    const inferred = inferKind(document, item);
    // An item is an object of its own, or a list of its own, never a sequence.
    if (!Array.isArray(inferred)) collect(inferred, `${container} items[${i}]`, out);
  });
}

function uncheckableParts(document: any, field: string): Violation[] {
  const at = field === '' ? '(document)' : field;
  if (Array.isArray(document)) return document.flatMap((d, i) => uncheckableParts(d, `${field}[${i}]`));
  const problem = shapeProblem(document);
  if (problem) return [{ field: at, found: problem, expected: 'a Kubernetes object with an apiVersion and a kind' }];
  if (document.items === undefined || document.items === null) return [];
  if (!Array.isArray(document.items)) {
    return [{ field: join(field, 'items', '.'), found: shapeOf(document.items), expected: 'a list of Kubernetes objects' }];
  }
  return document.items.flatMap((item: unknown, i: number) => {
    const path = `${join(field, 'items', '.')}[${i}]`;
    const inferred = inferKind(document, item);
    if (Array.isArray(inferred)) return [{ field: path, found: 'a sequence', expected: 'a Kubernetes object' }];
    return uncheckableParts(inferred, path);
  });
}

/**
 * A typed list's item that names neither its kind nor its apiVersion gets them from the list
 * (`DeploymentList` of `apps/v1` holds `Deployment`s of `apps/v1`), as the API machinery infers them.
 */
function inferKind(list: any, item: any): any {
  if (!isPlainObject(item) || present(item.kind) || present(item.apiVersion)) return item;
  const kind = typeof list.kind === 'string' && list.kind.endsWith('List') ? list.kind.slice(0, -'List'.length) : '';
  if (kind === '') return item;
  return { apiVersion: list.apiVersion, kind, ...item };
}

function isCheckable(document: unknown): document is any {
  return shapeProblem(document) === undefined;
}

/** Why `document` is not a checkable object, described by shape only: never repeat its value. */
function shapeProblem(document: any): string | undefined {
  if (!isPlainObject(document)) return shapeOf(document);
  const missing = ['apiVersion', 'kind'].filter((key) => typeof document[key] !== 'string' || document[key] === '');
  if (missing.length > 0) return `an object without ${missing.join(' and ')}`;
  return undefined;
}

function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'absent';
  if (Array.isArray(value)) return `a sequence of ${value.length}`;
  if (isPlainObject(value)) return 'an object';
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function label(document: any): string {
  return `${document.kind}/${document.metadata?.name}`;
}

function join(prefix: string | undefined, part: string, separator = ' '): string {
  return prefix === undefined || prefix === '' ? part : `${prefix}${separator}${part}`;
}
