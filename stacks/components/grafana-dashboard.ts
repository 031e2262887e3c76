// The scenario's Grafana dashboard as a labelled ConfigMap in the monitoring namespace.
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type { ScenarioSpec } from '../manifests/scenario-spec.ts';
import { buildGrafanaDashboardConfigMap } from '../manifests/grafana-dashboard.ts';
import { applyManifest } from './apply-manifest.ts';

/** Inputs of GrafanaDashboard. */
export interface GrafanaDashboardArgs {
  spec: ScenarioSpec;
  provider: k8s.Provider;
}

/** Use once per scenario; Grafana's sidecar loads it within a minute. */
export class GrafanaDashboard extends pulumi.ComponentResource {
  readonly configMapName: pulumi.Output<string>;

  constructor(name: string, args: GrafanaDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:monitoring:GrafanaDashboard', name, {}, opts);
    const cm = applyManifest(name, buildGrafanaDashboardConfigMap(args.spec), { parent: this, provider: args.provider }) as k8s.core.v1.ConfigMap;
    this.configMapName = cm.metadata.name;
    this.registerOutputs({ configMapName: this.configMapName });
  }
}
