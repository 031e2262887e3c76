// The HPA of an `autoscaler: hpa` scenario (autoscaling/v2 with behavior).
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type { ScenarioSpec } from '../manifests/scenario-spec.ts';
import { buildHpa } from '../manifests/hpa.ts';
import { applyManifest } from './apply-manifest.ts';

/** Inputs of HpaAutoscaler. */
export interface HpaAutoscalerArgs {
  spec: ScenarioSpec;
  provider: k8s.Provider;
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** Use in HPA scenarios only (the scenario program refuses both autoscalers on one Deployment). */
export class HpaAutoscaler extends pulumi.ComponentResource {
  readonly hpaName: pulumi.Output<string>;

  constructor(name: string, args: HpaAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:autoscaler:HpaAutoscaler', name, {}, opts);
    if (args.spec.autoscaler !== 'hpa') throw new Error(`HpaAutoscaler: scenario ${args.spec.stack} runs autoscaler "${args.spec.autoscaler}", not hpa`);
    const hpa = applyManifest(name, buildHpa(args.spec), { parent: this, provider: args.provider, dependsOn: args.dependsOn }) as k8s.autoscaling.v2.HorizontalPodAutoscaler;
    this.hpaName = hpa.metadata.name;
    this.registerOutputs({ hpaName: this.hpaName });
  }
}
