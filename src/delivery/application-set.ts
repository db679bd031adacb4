import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ApplicationSpec, applicationSpecJson } from './argo-application';
import { ARGO_CD_API_VERSION, ArgoMetadata } from './argo-cd';

/** The pull requests of one GitHub repository, as the `pullRequest` generator reads them. */
export interface PullRequestGenerator {
  readonly owner: string;
  readonly repo: string;
  /** Only pull requests with every one of these labels; empty for all. */
  readonly labels: string[];
  /** A Secret in Argo CD's namespace holding the API token under `token`; omitted for none. */
  readonly tokenSecretName?: string;
  readonly requeueAfterSeconds: number;
}

/** Props of an `ApplicationSet`. */
export interface ApplicationSetProps {
  readonly metadata: ArgoMetadata;
  readonly pullRequests: PullRequestGenerator;
  /** The Application made for each pull request; strings may hold Go template placeholders. */
  readonly template: { readonly metadata: ArgoMetadata; readonly spec: ApplicationSpec };
}

/**
 * An Argo CD `ApplicationSet` (`argoproj.io/v1alpha1`) that makes one Application per open pull
 * request, rendering its template with Go templates. Not part of the public API; reach the
 * object as an `ApiObject`.
 */
export class ApplicationSet extends ApiObject {
  constructor(scope: Construct, id: string, props: ApplicationSetProps) {
    const pr = props.pullRequests;
    super(scope, id, {
      apiVersion: ARGO_CD_API_VERSION,
      kind: 'ApplicationSet',
      metadata: { ...props.metadata },
      spec: {
        // Go templates, failing on a misspelt parameter, rather than the legacy fasttemplate
        // syntax that renders an unknown `{{number}}` as itself.
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          pullRequest: {
            github: {
              owner: pr.owner,
              repo: pr.repo,
              ...(pr.labels.length > 0 ? { labels: [...pr.labels] } : {}),
              ...(pr.tokenSecretName ? { tokenRef: { secretName: pr.tokenSecretName, key: 'token' } } : {}),
            },
            requeueAfterSeconds: pr.requeueAfterSeconds,
          },
        }],
        template: {
          metadata: { ...props.template.metadata },
          spec: applicationSpecJson(props.template.spec),
        },
      },
    });
  }
}
