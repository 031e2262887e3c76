// A builder's plain manifest → the matching @pulumi/kubernetes resource, so the Pulumi components apply exactly
// what `scalelab stacks render` prints. Unknown kinds are refused (a new builder needs a line here).
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type { Manifest } from '../manifests/scenario-spec.ts';

type Ctor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const classes: Record<string, Ctor> = {
  'v1/Namespace': k8s.core.v1.Namespace as unknown as Ctor,
  'v1/ConfigMap': k8s.core.v1.ConfigMap as unknown as Ctor,
  'v1/Service': k8s.core.v1.Service as unknown as Ctor,
  'v1/ServiceAccount': k8s.core.v1.ServiceAccount as unknown as Ctor,
  'apps/v1/Deployment': k8s.apps.v1.Deployment as unknown as Ctor,
  'batch/v1/Job': k8s.batch.v1.Job as unknown as Ctor,
  'autoscaling/v2/HorizontalPodAutoscaler': k8s.autoscaling.v2.HorizontalPodAutoscaler as unknown as Ctor,
  'rbac.authorization.k8s.io/v1/Role': k8s.rbac.v1.Role as unknown as Ctor,
  'rbac.authorization.k8s.io/v1/RoleBinding': k8s.rbac.v1.RoleBinding as unknown as Ctor,
};

/** Creates the resource for `m`, named `${prefix}-${kind}-${name}` (lower case), as a child of `opts.parent`. */
export function applyManifest(prefix: string, m: Manifest, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const name = `${prefix}-${m.kind.toLowerCase()}-${m.metadata.name}`;
  const Class = classes[`${m.apiVersion}/${m.kind}`];
  if (Class) return new Class(name, m as never, opts);
  if (m.apiVersion.startsWith('monitoring.coreos.com/')) return new k8s.apiextensions.CustomResource(name, m as never, opts);
  throw new Error(`applyManifest: no resource class for ${m.apiVersion} ${m.kind}`);
}
