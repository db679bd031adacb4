import { Acknowledgement } from './finding';
import { PolicyContext } from './policy-context';
import { ExposureException } from '../platform/exposure-settings';

/** Each platform's exceptions are indexed once, by object, however many objects are checked. */
const INDEXES = new WeakMap<ExposureException[], Map<string, Array<{ exception: ExposureException; index: number }>>>();

function key(namespace: string, kind: string, name: string): string {
  return `${namespace}\n${kind}\n${name}`;
}

/**
 * The platform's acknowledgement of a finding of `ruleId` on the object, when one of its
 * `exposure.exceptions` names the object and the rule. The finding is still reported, marked as
 * acknowledged by the platform with the exception's reason: an exception is never a silent bypass.
 *
 * @internal
 */
export function platformAcknowledgement(context: PolicyContext, ruleId: string, object: any): Acknowledgement | undefined {
  const exceptions = context.exposureExceptions;
  if (!exceptions || exceptions.length === 0) return undefined;
  let index = INDEXES.get(exceptions);
  if (!index) {
    index = new Map();
    exceptions.forEach((exception, i) => {
      const k = key(exception.namespace, exception.kind, exception.name);
      index!.set(k, [...index!.get(k) ?? [], { exception, index: i }]);
    });
    INDEXES.set(exceptions, index);
  }
  const candidates = index.get(key(String(object?.metadata?.namespace ?? ''), String(object?.kind), String(object?.metadata?.name))) ?? [];
  const match = candidates.find(({ exception }) => exception.ruleIds.includes(ruleId));
  return match && {
    path: `Platform(${context.platformName}).exposure.exceptions[${match.index}]`,
    reason: match.exception.reason,
  };
}
