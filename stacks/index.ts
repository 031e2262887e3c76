// Pulumi entry point (Pulumi.yaml `main`): runs the cluster or the scenario program by `scalelab:stackKind`;
// the default export's result becomes the stack outputs.
import { stackKind } from './config.ts';

export default async function program(): Promise<Record<string, unknown>> {
  if (stackKind() === 'cluster') return (await import('./cluster.ts')).clusterProgram();
  return (await import('./scenario.ts')).scenarioProgram();
}
