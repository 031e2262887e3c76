// The service under test in one scenario namespace: nginx and latency-exporter ConfigMaps, Deployment (+ exporter sidecars), NodePort
// Service and ServiceMonitor, from stacks/manifests.
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type { ScenarioSpec } from '../manifests/scenario-spec.ts';
import { buildLatencyExporterConfigMap, buildNginxConfigMap } from '../manifests/nginx-config.ts';
import { buildNginxDeployment } from '../manifests/nginx-deployment.ts';
import { buildNginxService, buildServiceMonitor } from '../manifests/nginx-service.ts';
import { applyManifest } from './apply-manifest.ts';

/** Inputs of NginxApp. */
export interface NginxAppArgs {
  /** The resolved scenario (plain data: the builders are pure functions of it). */
  spec: ScenarioSpec;
  provider: k8s.Provider;
  /** Resources (the namespace) that must exist first. */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** Use once per scenario stack. Outputs the Deployment name and the Service's allocated node port. */
export class NginxApp extends pulumi.ComponentResource {
  readonly deploymentName: pulumi.Output<string>;
  readonly nodePort: pulumi.Output<number>;

  constructor(name: string, args: NginxAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:app:NginxApp', name, {}, opts);
    const child = { parent: this, provider: args.provider, dependsOn: args.dependsOn };
    const conf = applyManifest(name, buildNginxConfigMap(args.spec), child);
    const latencyConf = applyManifest(name, buildLatencyExporterConfigMap(args.spec), child);
    const deployment = applyManifest(name, buildNginxDeployment(args.spec), { ...child, dependsOn: [conf, latencyConf] }) as k8s.apps.v1.Deployment;
    const service = applyManifest(name, buildNginxService(args.spec), child) as k8s.core.v1.Service;
    applyManifest(name, buildServiceMonitor(args.spec), { ...child, dependsOn: [service] });
    this.deploymentName = deployment.metadata.name;
    this.nodePort = service.spec.ports.apply((ports) => ports.find((p) => p.name === 'http')?.nodePort ?? 0);
    this.registerOutputs({ deploymentName: this.deploymentName, nodePort: this.nodePort });
  }
}
