import { App } from 'cdk8s';
import { Environment, GitOps, PlatformService, PreviewEnvironment, Tier } from 'paved';
import { platform } from './platform.ts';

/** The team's services: one definition for every environment. */
export function services(env: Environment, tag: string): void {
  new PlatformService(env, 'api', {
    image: `${{ values.registry }}/${{ values.team }}/api:${tag}`,
    port: 8080,
    // A preview gets its own host from the platform; staging and production each have theirs.
    ingress: { host: env.tier === Tier.PRODUCTION ? 'api.${{ values.team }}.${{ values.domain }}' : 'api.${{ values.team }}.staging.${{ values.domain }}' },
  });
}

/**
 * Staging and production always; a preview when CI synthesizes for a pull request
 * (`PAVED_PULL_REQUEST`). The GitOps chart deploys both from the published manifests, and each
 * open pull request labelled `preview` through its ApplicationSet.
 */
export function buildApp(app: App = new App(), pullRequest: number | undefined = pullRequestFromEnvironment()): App {
  const staging = new Environment(app, '${{ values.team }}-staging', { platform, tier: Tier.STAGING, team: '${{ values.team }}' });
  const prod = new Environment(app, '${{ values.team }}-prod', { platform, tier: Tier.PRODUCTION, team: '${{ values.team }}' });
  services(staging, '0.1.0');
  services(prod, '0.1.0');
  if (pullRequest !== undefined) {
    const preview = new PreviewEnvironment(app, `${{ values.team }}-pr-${pullRequest}`, {
      platform, team: '${{ values.team }}', pullRequest, repository: 'https://github.com/${{ values.owner }}/${{ values.repo }}',
    });
    services(preview, `pr-${pullRequest}`);
  }
  new GitOps(app, 'gitops', {
    platform,
    team: '${{ values.team }}',
    repoURL: 'https://github.com/${{ values.owner }}/${{ values.repo }}.git',
    environments: [staging, prod],
    previews: { github: { owner: '${{ values.owner }}', repo: '${{ values.repo }}', labels: ['preview'] } },
  });
  return app;
}

function pullRequestFromEnvironment(): number | undefined {
  const value = process.env.PAVED_PULL_REQUEST;
  // PreviewEnvironment rejects anything but a whole number above zero, naming the value.
  return value === undefined || value === '' ? undefined : Number(value);
}

if (import.meta.filename === process.argv[1]) {
  buildApp().synth();
}
