import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildScenarioManifests, flattenManifests } from '../../../stacks/manifests/scenario-manifests.ts';
import { validateManifest } from '../../../stacks/manifests/validate-manifest.ts';
import { buildNginxDeployment } from '../../../stacks/manifests/nginx-deployment.ts';
import { buildNginxConfigMap } from '../../../stacks/manifests/nginx-config.ts';
import type { Manifest } from '../../../stacks/manifests/scenario-spec.ts';
import { sampleSpec } from '../helpers/sample-spec.ts';

const all = (kind: 'hpa' | 'rl', k6Job = true) => flattenManifests(buildScenarioManifests(sampleSpec(kind), { k6Job }));
const find = (ms: Manifest[], kind: string, name?: string) => ms.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));

test('every manifest of an HPA scenario and of an agent scenario validates against the Kubernetes schemas', () => {
  for (const m of [...all('hpa'), ...all('rl')]) validateManifest(m);
});

test('the validator rejects what the API server would: a bad CPU quantity and a Deployment without selector', () => {
  const d = buildNginxDeployment(sampleSpec('hpa')) as any;
  d.spec.template.spec.containers[0].resources.requests.cpu = '100 millicores';
  assert.throws(() => validateManifest(d), /Deployment\/nginx: .*quantity/);
  const d2 = buildNginxDeployment(sampleSpec('hpa')) as any;
  delete d2.spec.selector;
  assert.throws(() => validateManifest(d2), /selector/);
  const bad = { ...buildNginxConfigMap(sampleSpec('hpa')), metadata: { name: 'Upper_Case' } };
  assert.throws(() => validateManifest(bad), /DNS-1123/);
});

test('an HPA scenario has the HPA and no agent; an agent scenario has the agent and no HPA', () => {
  const h = all('hpa');
  assert.is(find(h, 'HorizontalPodAutoscaler').length, 1);
  assert.is(find(h, 'Deployment', 'scalelab-agent').length, 0);
  assert.is(find(h, 'Role').length, 0);
  const r = all('rl');
  assert.is(find(r, 'HorizontalPodAutoscaler').length, 0);
  assert.is(find(r, 'Deployment', 'scalelab-agent').length, 1);
});

test('the agent Role grants exactly get/patch on deployments/scale and get on deployments, in its namespace', () => {
  const [role] = find(all('rl'), 'Role');
  assert.is(role.metadata.namespace, 'scalelab-rl-test');
  assert.equal(role.rules, [
    { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'patch'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
  ]);
  assert.is(find(all('rl'), 'ClusterRole').length + find(all('rl'), 'ClusterRoleBinding').length, 0);
  const [binding] = find(all('rl'), 'RoleBinding');
  assert.equal(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'scalelab-agent' });
  assert.equal(binding.subjects, [{ kind: 'ServiceAccount', name: 'scalelab-agent', namespace: 'scalelab-rl-test' }]);
  const [dep] = find(all('rl'), 'Deployment', 'scalelab-agent') as any[];
  assert.is(dep.spec.template.spec.serviceAccountName, 'scalelab-agent');
});

test('nginx has requests and limits, probes, and an exporter scraping the stub_status port nginx listens on', () => {
  const [dep] = find(all('hpa'), 'Deployment', 'nginx') as any[];
  const [nginx, exporter] = dep.spec.template.spec.containers;
  assert.equal(nginx.resources, { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
  assert.ok(nginx.readinessProbe.httpGet && nginx.livenessProbe.httpGet);
  const conf = (find(all('hpa'), 'ConfigMap', 'nginx-conf')[0] as any).data['default.conf'] as string;
  const port = /--nginx\.scrape-uri=http:\/\/127\.0\.0\.1:(\d+)\/stub_status/.exec(exporter.args[0])?.[1];
  assert.ok(port && conf.includes(`listen 127.0.0.1:${port};`) && conf.includes('location = /stub_status { stub_status;'));
  assert.ok(conf.includes('location = /healthz') && nginx.readinessProbe.httpGet.path === '/healthz');
});

test('the HPA is autoscaling/v2 on 70 % CPU with the behavior of its spec', () => {
  const [hpa] = find(all('hpa'), 'HorizontalPodAutoscaler') as any[];
  assert.is(hpa.apiVersion, 'autoscaling/v2');
  assert.equal(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' });
  assert.is(hpa.spec.metrics[0].resource.target.averageUtilization, 70);
  assert.equal(hpa.spec.behavior, { scaleDown: { stabilizationWindowSeconds: 300 } });
});

test('ServiceMonitors and the PrometheusRule carry the release label the operator selects', () => {
  const crs = [...find(all('rl'), 'ServiceMonitor'), ...find(all('rl'), 'PrometheusRule')];
  assert.is(crs.length, 3);
  for (const m of crs) assert.is(m.metadata.labels?.release, 'kube-prom-stack');
  const rule = find(all('rl'), 'PrometheusRule')[0] as any;
  const names = rule.spec.groups[0].rules.map((r: { alert: string }) => r.alert);
  assert.ok(names.includes('AgentHighLatency') && names.includes('AgentScalingTooOften'));
});

test('the dashboard ConfigMap is labelled for the Grafana sidecar and holds valid dashboard JSON', () => {
  const [cm] = find(all('hpa'), 'ConfigMap').filter((m) => m.metadata.labels?.grafana_dashboard === '1') as any[];
  assert.is(cm.metadata.namespace, 'observability');
  const json = JSON.parse(Object.values(cm.data as Record<string, string>)[0]);
  assert.is(json.title, 'scalelab hpa-test');
  assert.ok(json.panels.length >= 4);
});

test('the k6 Job mounts the script ConfigMap, never restarts, and is left out when a local k6 runs the load', () => {
  const ms = all('hpa');
  const [job] = find(ms, 'Job') as any[];
  assert.is(job.spec.backoffLimit, 0);
  assert.is(job.spec.template.spec.restartPolicy, 'Never');
  // A breached SLA threshold must not fail the Job (k6 would exit 99): thresholds are off in the Job.
  assert.ok(job.spec.template.spec.containers[0].args.includes('--no-thresholds'));
  assert.is(job.spec.template.spec.volumes[0].configMap.name, 'nginx-k6-script');
  assert.is((find(ms, 'ConfigMap', 'nginx-k6-script')[0] as any).data['script.js'], 'export default function () {}\n');
  assert.is(find(all('hpa', false), 'Job').length, 0);
});
