// A scenario stack program: one namespace with nginx and exactly one autoscaler (HPA or the RL agent), the
// dashboard and (optionally) the k6 Job, on the cluster named by `scalelab:clusterStack` (StackReference).
import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { readScenarioConfig } from './config.ts';
import { scenarioSpecFromConfig } from './scenario-spec-from-config.ts';
import { checkAgentModel } from './stack-files.ts';
import { traceLoader } from '../experiments/load-trace.ts';
import { REPO_ROOT } from '../lib/paths.ts';
import { buildNamespace } from './manifests/namespace.ts';
import { applyManifest } from './components/apply-manifest.ts';
import { NginxApp } from './components/nginx-app.ts';
import { HpaAutoscaler } from './components/hpa-autoscaler.ts';
import { RlAutoscaler } from './components/rl-autoscaler.ts';
import { GrafanaDashboard } from './components/grafana-dashboard.ts';
import { K6Job } from './components/k6-job.ts';

/** Runs inside `pulumi up -s <scenario>`; `root` is where relative trace paths resolve: the repository, found
 * from the code (lib/paths.ts), whatever the program's working directory. */
export function scenarioProgram(root = REPO_ROOT): Record<string, pulumi.Output<unknown>> {
  const c = readScenarioConfig();
  checkAgentModel(c);
  const spec = scenarioSpecFromConfig(c, traceLoader(root));
  const cluster = new pulumi.StackReference(c.clusterStack);
  const provider = new k8s.Provider('cluster', { kubeconfig: cluster.requireOutput('kubeconfig') as pulumi.Output<string>, namespace: spec.namespace });
  const ns = applyManifest(spec.stack, buildNamespace(spec), { provider });
  const app = new NginxApp(`${spec.stack}-app`, { spec, provider, dependsOn: [ns] });
  // Exactly one autoscaler per Deployment: the config allows `hpa` or `rl`, never both.
  const autoscaler =
    spec.autoscaler === 'hpa'
      ? new HpaAutoscaler(`${spec.stack}-hpa`, { spec, provider, dependsOn: [app] })
      : new RlAutoscaler(`${spec.stack}-agent`, { spec, provider, dependsOn: [app] });
  new GrafanaDashboard(`${spec.stack}-dashboard`, { spec, provider });
  if (c.k6Job) new K6Job(`${spec.stack}-k6`, { spec, provider, dependsOn: [app, autoscaler] });
  const nodeIp = cluster.requireOutput('nodeIp') as pulumi.Output<string>;
  return {
    namespace: pulumi.output(spec.namespace),
    deployment: app.deploymentName,
    autoscaler: pulumi.output(spec.autoscaler),
    serviceUrl: pulumi.interpolate`http://${nodeIp}:${app.nodePort}/`,
    prometheusUrl: cluster.requireOutput('prometheusUrl'),
  };
}
