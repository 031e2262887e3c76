// The RL agent of an `autoscaler: rl` scenario: ServiceAccount, least-privilege Role + RoleBinding, agent
// Deployment (its model is baked into the image), its metrics Service + ServiceMonitor and the PrometheusRule alerts.
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type { ScenarioSpec } from '../manifests/scenario-spec.ts';
import { buildAgentRole, buildAgentRoleBinding, buildAgentServiceAccount } from '../manifests/agent-rbac.ts';
import { buildAgentDeployment, buildAgentService, buildAgentServiceMonitor } from '../manifests/agent-deployment.ts';
import { buildAgentPrometheusRule } from '../manifests/agent-alerts.ts';
import { applyManifest } from './apply-manifest.ts';

/** Inputs of RlAutoscaler. */
export interface RlAutoscalerArgs {
  spec: ScenarioSpec;
  provider: k8s.Provider;
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** Use in agent scenarios only. */
export class RlAutoscaler extends pulumi.ComponentResource {
  readonly agentName: pulumi.Output<string>;

  constructor(name: string, args: RlAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:autoscaler:RlAutoscaler', name, {}, opts);
    if (args.spec.autoscaler !== 'rl') throw new Error(`RlAutoscaler: scenario ${args.spec.stack} runs autoscaler "${args.spec.autoscaler}", not rl`);
    const child = { parent: this, provider: args.provider, dependsOn: args.dependsOn };
    const s = args.spec;
    const sa = applyManifest(name, buildAgentServiceAccount(s), child);
    const role = applyManifest(name, buildAgentRole(s), child);
    const binding = applyManifest(name, buildAgentRoleBinding(s), { ...child, dependsOn: [sa, role] });
    const agent = applyManifest(name, buildAgentDeployment(s), { ...child, dependsOn: [binding] }) as k8s.apps.v1.Deployment;
    const svc = applyManifest(name, buildAgentService(s), child);
    applyManifest(name, buildAgentServiceMonitor(s), { ...child, dependsOn: [svc] });
    applyManifest(name, buildAgentPrometheusRule(s), child);
    this.agentName = agent.metadata.name;
    this.registerOutputs({ agentName: this.agentName });
  }
}
