import { IRule, RuleCategory, RuleContext, Severity, Violation } from '../../rule';

/**
 * The shape the data-security rules check: one cloud resource's arguments, exactly as they are
 * about to be passed to its Pulumi constructor (after every override), wrapped the way Kubernetes
 * objects are so the same rule model and reports serve both:
 *
 * ```ts
 * { kind: 'aws:rds/instance:Instance', metadata: { name: 'payments-prod-orders-db' }, spec: { storageEncrypted: true, ... } }
 * ```
 *
 * `kind` is the Pulumi type token, `metadata.name` the Pulumi logical name, `spec` the args.
 * A value that is only known at deploy time (a Pulumi `Output`, a `Promise`) is unresolved: it
 * counts as present, but never as a literal the rule asks for, because it cannot be verified
 * before anything is created.
 */
export interface CloudResource {
  /** The Pulumi type token, e.g. `aws:rds/instance:Instance`. */
  readonly kind: string;
  /** Names the resource. */
  readonly metadata: CloudResourceMetadata;
  /** The resource's arguments. */
  readonly spec: { readonly [arg: string]: any };
  /**
   * The account the resource belongs to: what "outside the account", "public" and "the cluster"
   * mean for the rules that decide who can reach it.
   *
   * @default - rules that need it treat every principal but `*` as unknown and every address as public
   */
  readonly account?: CloudAccount;
}

/** The facts of the platform's AWS account the access rules compare against. */
export interface CloudAccount {
  /** The AWS account id, 12 digits. */
  readonly accountId: string;
  /** The platform's private networks (IPv4 or IPv6 CIDRs); every other address is public. */
  readonly privateNetworkCidrs: string[];
  /**
   * The ARN of the cluster's IAM OIDC provider, which service roles trust. A deploy-time value
   * (a Pulumi Output) is compared by identity: the trust must pass on the very value Paved was given.
   *
   * @default - roles may trust no web identity provider
   */
  readonly oidcProviderArn?: any;
  /**
   * The provider's issuer without `https://`, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`: the
   * prefix of the `:sub` and `:aud` condition keys.
   *
   * @default - roles may trust no web identity provider
   */
  readonly oidcIssuer?: string;
  /**
   * The one token subject a service role is made for: `system:serviceaccount:<namespace>:<service account>`.
   *
   * @default - any single, exact service account of the cluster
   */
  readonly serviceAccountSubject?: string;
}

/** What names a cloud resource in findings. */
export interface CloudResourceMetadata {
  /** The resource's Pulumi logical name. */
  readonly name: string;
}

/** The Pulumi type tokens the data-security rules look at. */
export class CloudKinds {
  /** An RDS DB instance. */
  public static readonly RDS_INSTANCE = 'aws:rds/instance:Instance';
  /** An RDS DB parameter group. */
  public static readonly RDS_PARAMETER_GROUP = 'aws:rds/parameterGroup:ParameterGroup';
  /** An ElastiCache replication group. */
  public static readonly ELASTICACHE_REPLICATION_GROUP = 'aws:elasticache/replicationGroup:ReplicationGroup';
  /** An S3 bucket (V2-style: its settings are separate resources). */
  public static readonly S3_BUCKET = 'aws:s3/bucket:Bucket';
  /** A bucket's public access block. */
  public static readonly S3_BUCKET_PUBLIC_ACCESS_BLOCK = 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock';
  /** A bucket's default server-side encryption. */
  public static readonly S3_BUCKET_SSE = 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration';
  /** A bucket's versioning. */
  public static readonly S3_BUCKET_VERSIONING = 'aws:s3/bucketVersioning:BucketVersioning';
  /** A bucket's policy. */
  public static readonly S3_BUCKET_POLICY = 'aws:s3/bucketPolicy:BucketPolicy';
  /** A bucket's object ownership (ACLs on or off). */
  public static readonly S3_BUCKET_OWNERSHIP_CONTROLS = 'aws:s3/bucketOwnershipControls:BucketOwnershipControls';
  /** An IAM role, with its trust policy. */
  public static readonly IAM_ROLE = 'aws:iam/role:Role';
  /** An IAM role's inline policy. */
  public static readonly IAM_ROLE_POLICY = 'aws:iam/rolePolicy:RolePolicy';
  /** A KMS key. */
  public static readonly KMS_KEY = 'aws:kms/key:Key';
  /** A Secrets Manager secret. */
  public static readonly SECRETS_MANAGER_SECRET = 'aws:secretsmanager/secret:Secret';
  /** A VPC security group. */
  public static readonly EC2_SECURITY_GROUP = 'aws:ec2/securityGroup:SecurityGroup';
  /** One rule of a security group, as its own resource (`type: ingress` or `egress`). */
  public static readonly EC2_SECURITY_GROUP_RULE = 'aws:ec2/securityGroupRule:SecurityGroupRule';
  /** One ingress rule of a security group, as its own resource (the current API). */
  public static readonly VPC_SECURITY_GROUP_INGRESS_RULE = 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule';
  /** An SQS queue (a source queue or a dead-letter queue). */
  public static readonly SQS_QUEUE = 'aws:sqs/queue:Queue';
  /** An SQS queue's access policy, as its own resource. */
  public static readonly SQS_QUEUE_POLICY = 'aws:sqs/queuePolicy:QueuePolicy';
  /** A managed policy attached to an IAM role. */
  public static readonly IAM_ROLE_POLICY_ATTACHMENT = 'aws:iam/rolePolicyAttachment:RolePolicyAttachment';

  private constructor() {}
}

/** Whether `value` is only known at deploy time: a Pulumi `Output` or a `Promise`. */
export function isUnresolved(value: unknown): boolean {
  return value instanceof Promise || (value !== null && typeof value === 'object' && (value as any).__pulumiOutput === true);
}

/** Renders a found value for a finding: `absent`, `an unresolved value`, or its JSON. */
export function foundValue(value: unknown): string {
  if (value === undefined || value === null) return 'absent';
  if (isUnresolved(value)) return 'an unresolved value (only known at deploy time)';
  return JSON.stringify(value);
}

/**
 * The IAM statements of a policy argument given as a document or as its JSON, or undefined when
 * the policy cannot be read before deployment (unresolved, or not a JSON document).
 */
export function statementsOf(policy: unknown): any[] | undefined {
  let document: any = policy;
  if (typeof policy === 'string') {
    try {
      document = JSON.parse(policy);
    } catch {
      return undefined;
    }
  }
  if (document === null || typeof document !== 'object' || isUnresolved(document)) return undefined;
  const statements = document.Statement;
  if (Array.isArray(statements)) return statements;
  return statements !== null && typeof statements === 'object' && !isUnresolved(statements) ? [statements] : undefined;
}

/** A statement field (`Action`, `Resource`, ...) as a list; unresolved entries stay as they are. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** What a data-security rule declares; its category is always `SECURITY`. */
export interface SecurityRuleProps {
  /** Stable id, `data.<control>`. */
  readonly id: string;
  /** One line for people. */
  readonly title: string;
  /** How serious a violation is. */
  readonly severity: Severity;
  /** Why the control exists. */
  readonly rationale: string;
  /** How to fix a violation: usually, which override to remove. */
  readonly remediation: string;
  /** The Pulumi type tokens the rule checks (`CloudKinds`). */
  readonly kinds: string[];
  /** Every violation in one resource's arguments; pure. */
  check(resource: CloudResource, context: RuleContext): Violation[];
}

/** A rule over cloud resource arguments. Data protection controls are security controls: enforced in every tier. */
export function securityRule(props: SecurityRuleProps): IRule {
  return {
    id: props.id,
    title: props.title,
    severity: props.severity,
    category: RuleCategory.SECURITY,
    rationale: props.rationale,
    remediation: props.remediation,
    kinds: props.kinds,
    check: (object, context) => props.check(object as CloudResource, context),
  };
}

/** A violation unless `spec[arg]` is exactly `expected`. */
export function requireValue(spec: { [arg: string]: any }, arg: string, expected: unknown): Violation[] {
  const found = spec[arg];
  return found === expected ? [] : [{ field: `spec.${arg}`, found: foundValue(found), expected: JSON.stringify(expected) }];
}

/** A violation unless `spec[arg]` is present (a literal or a deploy-time reference such as a key ARN). */
export function requirePresent(spec: { [arg: string]: any }, arg: string, expected: string): Violation[] {
  const found = spec[arg];
  return found === undefined || found === null || found === '' ? [{ field: `spec.${arg}`, found: foundValue(found), expected }] : [];
}
