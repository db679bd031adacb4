import { App } from 'cdk8s';
import { environments } from './platform';

/** The Kubernetes side: `cdk8s synth` writes one manifest per environment. */
export function buildApp(app: App = new App()): App {
  environments(app);
  return app;
}

if (require.main === module) {
  const app = buildApp();
  app.synth();
  // stderr: `cdk8s synth` captures the app's stdout.
  console.error(`paved: synthesized ${app.charts.map((c) => c.node.id).join(', ')}`);
}
