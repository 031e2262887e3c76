// The stack programs under Pulumi mocks (no engine here): which resources each component registers, with which
// key properties; the agent's Role; one autoscaler per scenario; the cluster stack's commands as inputs.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { listStacks, readStackConfig } from '../../stacks/stack-files.ts';
import { SCENARIO_CONFIG_KEYS } from '../../stacks/scenario-config.ts';
import { CLUSTER_CONFIG_KEYS } from '../../stacks/cluster-config.ts';
import { runProgram, type MockResource } from './helpers/pulumi-mocks.ts';
import { validateManifest } from '../../stacks/manifests/validate-manifest.ts';

const root = resolve(import.meta.dirname, '../..');
const allDefaults = Object.fromEntries(Object.entries({ ...SCENARIO_CONFIG_KEYS, ...CLUSTER_CONFIG_KEYS }).map(([k, v]) => [k, v.default]));
const scenarios = listStacks(root).filter((s) => readStackConfig(root, s).stackKind !== 'cluster');

async function scenario(stack: string, extra: Record<string, unknown> = {}) {
  const { scenarioProgram } = await import('../../stacks/scenario.ts'); // dynamic import after setMocks (in runProgram)
  return runProgram(stack, { ...allDefaults, ...readStackConfig(root, stack), ...extra }, async () => scenarioProgram(root));
}
const ofType = (rs: MockResource[], type: string) => rs.filter((r) => r.type === type);
const children = (rs: MockResource[], prefix: string) => rs.filter((r) => r.name.startsWith(prefix) && r.type.startsWith('kubernetes:')).map((r) => `${r.type.split(':')[2]}/${r.inputs.metadata.name}`).sort();

test('an HPA scenario registers the namespace, NginxApp (ConfigMaps, Deployment, Service, ServiceMonitor), the HPA, the dashboard and the k6 Job', async () => {
  const { resources, outputs } = await scenario('hpa-spike');
  const components = resources.filter((r) => r.type.startsWith('scalelab:')).map((r) => `${r.type} ${r.name}`).sort();
  assert.equal(components, [
    'scalelab:app:NginxApp hpa-spike-app',
    'scalelab:autoscaler:HpaAutoscaler hpa-spike-hpa',
    'scalelab:load:K6Job hpa-spike-k6',
    'scalelab:monitoring:GrafanaDashboard hpa-spike-dashboard',
  ]);
  assert.equal(children(resources, 'hpa-spike-app'), ['ConfigMap/nginx-conf', 'ConfigMap/nginx-latency-exporter', 'Deployment/nginx', 'Service/nginx', 'ServiceMonitor/nginx']);
  assert.equal(children(resources, 'hpa-spike-hpa'), ['HorizontalPodAutoscaler/nginx']);
  assert.equal(children(resources, 'hpa-spike-k6'), ['ConfigMap/nginx-k6-script', 'Job/nginx-k6']);
  const [ns] = ofType(resources, 'kubernetes:core/v1:Namespace');
  assert.is(ns.inputs.metadata.name, 'scalelab-hpa-spike');
  const [ref] = ofType(resources, 'pulumi:pulumi:StackReference');
  assert.is(ref.name, 'organization/scalelab/cluster');
  assert.equal(outputs.serviceUrl, 'http://10.20.30.40:31000/');
  assert.equal(outputs.prometheusUrl, 'http://10.20.30.40:30090');
  assert.equal(outputs.deployment, 'nginx');
});

test('key properties reach the resources: requests/limits, the HPA target (no behavior: the legacy path the simulated HPA runs), the ServiceMonitor label', async () => {
  const { resources } = await scenario('hpa-spike');
  const dep = ofType(resources, 'kubernetes:apps/v1:Deployment')[0].inputs;
  assert.equal(dep.spec.template.spec.containers[0].resources, { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
  assert.is(dep.spec.template.spec.containers[1].image, 'nginx/nginx-prometheus-exporter:1.3.0');
  const hpa = ofType(resources, 'kubernetes:autoscaling/v2:HorizontalPodAutoscaler')[0].inputs;
  assert.equal([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization], [1, 10, 70]);
  assert.is(hpa.spec.behavior, undefined);
  const sm = ofType(resources, 'kubernetes:monitoring.coreos.com/v1:ServiceMonitor')[0].inputs;
  assert.is(sm.metadata.labels.release, 'kube-prom-stack');
  const cm = ofType(resources, 'kubernetes:core/v1:ConfigMap').find((r) => r.inputs.metadata.labels?.grafana_dashboard === '1');
  assert.ok(cm, 'dashboard ConfigMap labelled grafana_dashboard=1');
});

test('an agent scenario registers RlAutoscaler with a Role granting only get/patch on deployments/scale and get on deployments', async () => {
  const { resources } = await scenario('hybrid-spike');
  assert.equal(children(resources, 'hybrid-spike-agent'), [
    'Deployment/scalelab-agent',
    'PrometheusRule/scalelab-agent-alerts',
    'Role/scalelab-agent',
    'RoleBinding/scalelab-agent',
    'Service/scalelab-agent',
    'ServiceAccount/scalelab-agent',
    'ServiceMonitor/scalelab-agent',
  ]);
  const roles = ofType(resources, 'kubernetes:rbac.authorization.k8s.io/v1:Role');
  assert.is(roles.length, 1);
  assert.is(roles[0].inputs.metadata.namespace, 'scalelab-hybrid-spike');
  const grants = roles[0].inputs.rules.flatMap((r: { apiGroups: string[]; resources: string[]; verbs: string[] }) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`)))).sort();
  assert.equal(grants, ['apps/deployments/scale:get', 'apps/deployments/scale:patch', 'apps/deployments:get']);
  assert.is(ofType(resources, 'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole').length, 0);
  const env = ofType(resources, 'kubernetes:apps/v1:Deployment').find((r) => r.inputs.metadata.name === 'scalelab-agent')!.inputs.spec.template.spec.containers[0].env;
  assert.ok(env.some((e: { name: string; value: string }) => e.name === 'SCALELAB_PROMETHEUS_URL' && e.value.startsWith('http://kube-prom-stack')));
});

test('every committed scenario stack has exactly one autoscaler on its Deployment', async () => {
  for (const stack of scenarios) {
    const { resources } = await scenario(stack);
    const hpas = ofType(resources, 'kubernetes:autoscaling/v2:HorizontalPodAutoscaler').length;
    const agents = ofType(resources, 'scalelab:autoscaler:RlAutoscaler').length;
    assert.is(hpas + agents, 1, stack);
    // What the Kubernetes provider receives validates against the schemas, like the rendered YAML.
    const objects = resources.filter((r) => r.type.startsWith('kubernetes:') && !r.type.startsWith('kubernetes:index'));
    assert.ok(objects.length >= 9, `${stack}: ${objects.length} objects`);
    for (const r of objects) validateManifest(r.inputs as never);
  }
});

test('k6Job=false (local k6) leaves the Job out', async () => {
  const { resources } = await scenario('hpa-spike', { k6Job: 'false' });
  assert.is(ofType(resources, 'kubernetes:batch/v1:Job').length, 0);
  assert.is(ofType(resources, 'scalelab:load:K6Job').length, 0);
});

test('the cluster stack: idempotent launch with an update that resizes, joins before the addons, values only through environment, fresh reads', async () => {
  const { clusterProgram } = await import('../../stacks/cluster.ts');
  const config = { ...allDefaults, ...readStackConfig(root, 'cluster'), nodeCount: '2' };
  const { resources, outputs, invokes } = await runProgram('cluster', config, async () => clusterProgram());
  const cmds = Object.fromEntries(ofType(resources, 'command:local:Command').map((r) => [r.name, r.inputs]));
  assert.equal(Object.keys(cmds).sort(), ['microk8s-addons', 'microk8s-join-1', 'microk8s-vm-0', 'microk8s-vm-1']);
  const vm0 = cmds['microk8s-vm-0'];
  // The committed Pulumi.cluster.yaml's values reach the shell as environment variables, never in the command text.
  assert.equal(vm0.environment, { VM: 'scalelab-0', RELEASE: '22.04', CPUS: '4', MEMORY_GIB: '8', DISK_GIB: '30', CHANNEL: '1.30/stable' });
  for (const c of Object.values(cmds)) for (const field of ['create', 'update', 'delete']) assert.not.match(String(c[field]), /scalelab-\d|22\.04|1\.30/, `${field}: ${c[field]}`);
  // A retry after a failed create must not hit "instance already exists": launch only when `multipass info` finds nothing.
  assert.match(vm0.create, /^if ! multipass info "\$VM" >\/dev\/null 2>&1; then multipass launch "\$RELEASE" --name "\$VM" --cpus "\$CPUS"/);
  // A changed vmCpus runs `update` (stop, multipass set, start) on the existing VM, not another launch.
  assert.match(vm0.update, /multipass set "local\.\$VM\.cpus=\$CPUS"/);
  assert.not.match(vm0.update, /launch/);
  assert.is(cmds['microk8s-vm-1'].delete, 'multipass delete --purge "$VM"');
  assert.is(cmds['microk8s-vm-1'].environment.VM, 'scalelab-1');
  assert.equal(cmds['microk8s-join-1'].environment, { FIRST: 'scalelab-0', VM: 'scalelab-1' });
  assert.match(cmds['microk8s-join-1'].create, /JOIN=\$\(multipass exec "\$FIRST" -- sudo microk8s add-node .*\) && multipass exec "\$VM" -- sudo \$JOIN/);
  assert.equal(cmds['microk8s-addons'].environment, { VM: 'scalelab-0', ADDONS: 'dns metrics-server observability', ADDONS_REVERSED: 'observability metrics-server dns', NODES: 'scalelab-0 scalelab-1' });
  assert.match(cmds['microk8s-addons'].update, /microk8s disable observability; .*microk8s enable \$ADDONS/);
  // Reads are invokes (run on every up), after the addons.
  const runs = invokes.filter((i) => i.token === 'command:local:run').map((i) => [i.inputs.command, i.inputs.environment]);
  assert.equal(runs.sort(), [['multipass exec "$VM" -- sudo microk8s config', { VM: 'scalelab-0' }], ['multipass info "$VM" --format json', { VM: 'scalelab-0' }]]);
  assert.equal(outputs.nodeIp, '10.20.30.40');
  assert.equal(outputs.prometheusUrl, 'http://10.20.30.40:30090');
  const services = ofType(resources, 'kubernetes:core/v1:Service').map((r) => [r.inputs.metadata.namespace, r.inputs.spec.type, r.inputs.spec.ports[0].nodePort]);
  assert.equal(services, [['observability', 'NodePort', 30090], ['observability', 'NodePort', 30030]]);
  // The kubeconfig output is a secret.
  const { clusterProgram: again } = await import('../../stacks/cluster.ts');
  await runProgram('cluster', config, async () => {
    const outs = again();
    const secret = await pulumi.isSecret(outs.kubeconfig);
    assert.ok(secret, 'kubeconfig is secret');
    return outs;
  });
});

test('the addons wait for every VM and every join, so the observability addon is set up with all nodes present', async () => {
  const { commandOrder } = await import('../../stacks/components/microk8s-cluster.ts');
  const o = commandOrder(3);
  assert.equal(o.addons, { vms: [0, 1, 2], joins: [1, 2] });
  assert.equal(o.join(2), { vms: [0, 2] });
});

test('a HpaAutoscaler refuses an agent scenario (the two never share a Deployment)', async () => {
  const { HpaAutoscaler } = await import('../../stacks/components/hpa-autoscaler.ts');
  const { sampleSpec } = await import('./helpers/sample-spec.ts');
  assert.throws(() => new HpaAutoscaler('x', { spec: sampleSpec('rl'), provider: undefined as never }), /runs autoscaler "rl", not hpa/);
});
