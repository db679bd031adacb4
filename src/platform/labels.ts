/**
 * The label and annotation keys Paved writes and reads. Interoperability names are the ones
 * the surrounding tools look for (Kubernetes recommended labels, Backstage, Pod Security
 * admission), so they are constants rather than settings.
 */
export class Labels {
  public static readonly NAME = 'app.kubernetes.io/name';
  public static readonly INSTANCE = 'app.kubernetes.io/instance';
  public static readonly VERSION = 'app.kubernetes.io/version';
  public static readonly COMPONENT = 'app.kubernetes.io/component';
  public static readonly PART_OF = 'app.kubernetes.io/part-of';
  public static readonly MANAGED_BY = 'app.kubernetes.io/managed-by';
  /** The team that owns an object; policy's owner-label rule looks for it. */
  public static readonly TEAM = 'paved.dev/team';
  /** The tier of the environment an object belongs to. */
  public static readonly TIER = 'paved.dev/tier';
  /** Backstage finds a component's workloads by this label. */
  public static readonly BACKSTAGE_KUBERNETES_ID = 'backstage.io/kubernetes-id';
  /** The value of `app.kubernetes.io/managed-by` on everything Paved emits. */
  public static readonly MANAGED_BY_PAVED = 'paved';

  private constructor() {}
}
