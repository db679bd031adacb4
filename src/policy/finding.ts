import { Enforcement, RuleCategory, Severity } from './rule';

/** A recorded decision to accept a rule's findings in part of the app. */
export interface Acknowledgement {
  /** The construct the suppression was made on; it covers that construct and its children. */
  readonly path: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /**
   * The last day (ISO `YYYY-MM-DD`) the acknowledgement holds.
   *
   * @default - it does not expire
   */
  readonly expires?: string;
}

/** One violation of one rule by one synthesized object, with everything needed to fix it. */
export interface Finding {
  /** The rule that found it, e.g. `pss.restricted.capabilities`. */
  readonly ruleId: string;
  /** The rule's one-line title. */
  readonly title: string;
  /** How serious the violation is. */
  readonly severity: Severity;
  /** What the rule guards. */
  readonly category: RuleCategory;
  /** What the rule does in the object's tier: `enforce` fails the synth, `warn` reports. */
  readonly enforcement: Enforcement;
  /**
   * The construct that owns the object, the one to change: the nearest ancestor that is not
   * itself a Kubernetes object or a wrapper of one, e.g. `payments-prod/orders-api`.
   */
  readonly path: string;
  /** The construct path of the object itself, e.g. `payments-prod/orders-api/Deployment/Resource`. */
  readonly objectPath: string;
  /**
   * Where the object sits inside the document that renders it, when it is not the document
   * itself: an item of a List (`List/bundle items[2]`, nested lists in order), or a document of a
   * rendering that is a sequence (`[1]`). Every such object is checked as an object of its own.
   *
   * @default - the object is a rendered document of its own
   */
  readonly within?: string;
  /** The object's `apiVersion`. */
  readonly apiVersion: string;
  /** The object's `kind`. */
  readonly kind: string;
  /** The object's `metadata.name`. */
  readonly name: string;
  /**
   * The object's `metadata.namespace`.
   *
   * @default - cluster-scoped or not set
   */
  readonly namespace?: string;
  /** The tier the object was checked in. */
  readonly tier: string;
  /** JSON path of the offending field. */
  readonly field: string;
  /** What was found. */
  readonly found: string;
  /** What the rule expects. */
  readonly expected: string;
  /** How to fix it. */
  readonly remediation: string;
  /**
   * The suppression that accepts this finding; an acknowledged finding neither fails nor warns.
   *
   * @default - not acknowledged
   */
  readonly acknowledgement?: Acknowledgement;
}
