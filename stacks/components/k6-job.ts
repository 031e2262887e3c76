// k6 in the cluster: the generated script in a ConfigMap and a Job running grafana/k6 (when no local k6 runs).
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type { ScenarioSpec } from '../manifests/scenario-spec.ts';
import { buildK6Job, buildK6ScriptConfigMap } from '../manifests/k6-job.ts';
import { applyManifest } from './apply-manifest.ts';

/** Inputs of K6Job. */
export interface K6JobArgs {
  spec: ScenarioSpec;
  provider: k8s.Provider;
  /** The app (and its autoscaler) the load must not start before. */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** Use when the runner has no local k6. The Job starts the load as soon as it is created. */
export class K6Job extends pulumi.ComponentResource {
  readonly jobName: pulumi.Output<string>;

  constructor(name: string, args: K6JobArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:load:K6Job', name, {}, opts);
    const child = { parent: this, provider: args.provider, dependsOn: args.dependsOn };
    const script = applyManifest(name, buildK6ScriptConfigMap(args.spec), child);
    const job = applyManifest(name, buildK6Job(args.spec), { ...child, dependsOn: [script] }) as k8s.batch.v1.Job;
    this.jobName = job.metadata.name;
    this.registerOutputs({ jobName: this.jobName });
  }
}
