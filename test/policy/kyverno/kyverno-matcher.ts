import { search } from 'jmespath';

// A small evaluator of the Kyverno validate semantics that KyvernoPolicies emits: pattern anchors
// =() and X(), plain required keys, single-element array patterns, scalar patterns with |, !,
// wildcards and numeric comparisons, anyPattern, and deny/preconditions over standard JMESPath.

function wildcard(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return regex.test(value);
}

function scalarAlternative(pattern: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const comparison = /^(>=|<=|>|<)(-?\d+(\.\d+)?)$/.exec(pattern);
  if (comparison) {
    const n = Number(value);
    if (typeof value === 'boolean' || Number.isNaN(n)) return false;
    const bound = Number(comparison[2]);
    return { '>': n > bound, '<': n < bound, '>=': n >= bound, '<=': n <= bound }[comparison[1]]!;
  }
  if (typeof value === 'object') return false;
  if (pattern.startsWith('!')) return !wildcard(pattern.slice(1), String(value));
  return wildcard(pattern, String(value));
}

function matches(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    return value.every((item) => matches(item, pattern[0]));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.entries(pattern).every(([key, sub]) => matchesKey(value as any, key, sub));
  }
  if (typeof pattern === 'string') return pattern.split('|').map((p) => p.trim()).some((p) => scalarAlternative(p, value));
  return value === pattern;
}

function matchesKey(object: { [key: string]: unknown }, key: string, pattern: unknown): boolean {
  const anchor = /^([=X])\((.*)\)$/.exec(key);
  const name = anchor ? anchor[2] : key;
  const present = Object.keys(object).filter((k) => wildcard(name, k));
  if (anchor?.[1] === 'X') return present.length === 0;
  if (anchor?.[1] === '=') return present.every((k) => matches(object[k], pattern));
  return present.length > 0 && present.every((k) => matches(object[k], pattern));
}

function resolve(expression: unknown, resource: any): unknown {
  if (typeof expression !== 'string') return expression;
  const variable = /^\{\{\s*(.*?)\s*\}\}$/s.exec(expression);
  return variable ? search({ request: { object: resource } }, variable[1]) : expression;
}

function condition(c: any, resource: any): boolean {
  const key = resolve(c.key, resource);
  const value = resolve(c.value, resource);
  switch (c.operator) {
    case 'Equals': return key === value;
    case 'NotEquals': return key !== value;
    case 'GreaterThan': return Number(key) > Number(value);
    default: throw new Error(`operator ${c.operator} is not emitted by KyvernoPolicies`);
  }
}

function conditions(block: any, resource: any): boolean {
  if (block.all) return block.all.every((c: any) => condition(c, resource));
  return (block.any ?? []).some((c: any) => condition(c, resource));
}

/** Whether one Kyverno rule rejects `resource` (a Pod). */
export function ruleRejects(rule: any, resource: any): boolean {
  if (!rule.match.any.some((m: any) => m.resources.kinds.includes(resource.kind))) return false;
  if (rule.exclude?.any.some((e: any) => e.resources.namespaces.includes(resource.metadata?.namespace))) return false;
  if (rule.preconditions && !conditions(rule.preconditions, resource)) return false;
  const validate = rule.validate;
  if (validate.pattern) return !matches(resource, validate.pattern);
  if (validate.anyPattern) return !validate.anyPattern.some((p: any) => matches(resource, p));
  if (validate.deny) return conditions(validate.deny.conditions, resource);
  throw new Error(`rule ${rule.name} has no validation KyvernoPolicies emits`);
}

/** Whether a ClusterPolicy rejects `resource`: any of its rules does. */
export function policyRejects(policy: any, resource: any): boolean {
  return policy.spec.rules.some((rule: any) => ruleRejects(rule, resource));
}
