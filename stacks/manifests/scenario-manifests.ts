// Everything one scenario stack applies, grouped the way the Pulumi components create it. `stacks render` prints
// the concatenation; the components create exactly these objects, so what a reviewer reads is what is applied.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { buildNamespace } from './namespace.ts';
import { buildLatencyExporterConfigMap, buildNginxConfigMap } from './nginx-config.ts';
import { buildNginxDeployment } from './nginx-deployment.ts';
import { buildNginxService, buildServiceMonitor } from './nginx-service.ts';
import { buildHpa } from './hpa.ts';
import { buildAgentRole, buildAgentRoleBinding, buildAgentServiceAccount } from './agent-rbac.ts';
import { buildAgentDeployment, buildAgentService, buildAgentServiceMonitor } from './agent-deployment.ts';
import { buildAgentPrometheusRule } from './agent-alerts.ts';
import { buildGrafanaDashboardConfigMap } from './grafana-dashboard.ts';
import { buildK6Job, buildK6ScriptConfigMap } from './k6-job.ts';

/** The manifests of one scenario, by component. `autoscaler` holds either the HPA or the agent, never both. */
export interface ScenarioManifests {
  namespace: Manifest[];
  app: Manifest[];
  autoscaler: Manifest[];
  dashboard: Manifest[];
  load: Manifest[];
}

/** Options that change what is applied, not how. */
export interface ScenarioManifestOptions {
  /** Create the in-cluster k6 Job (false when the runner uses a local k6). */
  k6Job: boolean;
}

/** Builds every manifest of a scenario from its spec (pure). */
export function buildScenarioManifests(spec: ScenarioSpec, options: ScenarioManifestOptions): ScenarioManifests {
  const autoscaler =
    spec.autoscaler === 'hpa'
      ? [buildHpa(spec)]
      : [
          buildAgentServiceAccount(spec),
          buildAgentRole(spec),
          buildAgentRoleBinding(spec),
          buildAgentDeployment(spec),
          buildAgentService(spec),
          buildAgentServiceMonitor(spec),
          buildAgentPrometheusRule(spec),
        ];
  return {
    namespace: [buildNamespace(spec)],
    app: [buildNginxConfigMap(spec), buildLatencyExporterConfigMap(spec), buildNginxDeployment(spec), buildNginxService(spec), buildServiceMonitor(spec)],
    autoscaler,
    dashboard: [buildGrafanaDashboardConfigMap(spec)],
    load: options.k6Job ? [buildK6ScriptConfigMap(spec), buildK6Job(spec)] : [],
  };
}

/** All manifests in apply order (namespace first). */
export function flattenManifests(m: ScenarioManifests): Manifest[] {
  return [...m.namespace, ...m.app, ...m.autoscaler, ...m.dashboard, ...m.load];
}
