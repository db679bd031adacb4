import { Finding } from './finding';
import { Enforcement } from './rule';

/** The marker of a finding by what it does: fails the synth, warns, or was acknowledged. */
export function markerOf(finding: Finding): string {
  if (finding.acknowledgement) return '○';
  return finding.enforcement === Enforcement.ENFORCE ? '✖' : '⚠';
}

/**
 * `Deployment/orders-api`, with the namespace when the object has one, after where it sits when
 * it is inside a document: `List/bundle items[2] Deployment/evil`.
 */
export function objectLabel(finding: Finding): string {
  const object = `${finding.within ? `${finding.within} ` : ''}${finding.kind}/${finding.name}`;
  return finding.namespace ? `${object} in ${finding.namespace}` : object;
}

/**
 * A finding for people, three lines:
 *
 * ```
 * ✖ pss.restricted.capabilities  payments-prod/orders-api  Deployment/orders-api in payments-prod
 *   spec.template.spec.containers[0].securityContext.capabilities.drop is [] — expected to include "ALL"
 *   fix: remove the override that replaced the container's securityContext, or acknowledge the rule with a reason
 * ```
 *
 * @internal
 */
export function formatFinding(finding: Finding): string {
  const lines = [
    `${markerOf(finding)} ${finding.ruleId}  ${finding.path}  ${objectLabel(finding)}`,
    `  ${finding.field} is ${finding.found} — expected ${finding.expected}`,
    `  fix: ${finding.remediation}`,
  ];
  if (finding.acknowledgement) lines.push(`  acknowledged: ${acknowledgementLabel(finding)}`);
  return lines.join('\n');
}

function acknowledgementLabel(finding: Finding): string {
  const ack = finding.acknowledgement!;
  const until = ack.expires ? ` (until ${ack.expires})` : '';
  return `${JSON.stringify(ack.reason)} on ${ack.path}${until}`;
}
