// The dashboard's queries against a REAL Prometheus (backfilled by promtool): the replicas panel draws both the
// desired and the ready count. Its old single query `spec or ready` returned only the desired series, because
// PromQL's `or` matches on the labels without the metric name; the real Prometheus shows that too.
import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { dashboardJson } from '../../stacks/manifests/grafana-dashboard.ts';
import { sampleSpec } from '../stacks/helpers/sample-spec.ts';
import { startPrometheus, type RunningPrometheus } from './helpers/prometheus.ts';

const spec = sampleSpec('hpa');
const T = Math.floor(Date.now() / 1000 / 60) * 60 - 600;
let prom: RunningPrometheus;

before(async () => {
  const dep = `namespace="${spec.namespace}",deployment="${spec.app.name}"`;
  const lines = ['# TYPE kube_deployment_spec_replicas gauge'];
  for (let t = T; t <= T + 300; t += 15) lines.push(`kube_deployment_spec_replicas{${dep}} 4 ${t}`);
  lines.push('# TYPE kube_deployment_status_replicas_ready gauge');
  for (let t = T; t <= T + 300; t += 15) lines.push(`kube_deployment_status_replicas_ready{${dep}} 3 ${t}`);
  prom = await startPrometheus({ backfillOpenMetrics: `${lines.join('\n')}\n# EOF\n` });
});
after(() => prom?.stop());

async function instant(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const u = new URL('/api/v1/query', prom.url);
  u.searchParams.set('query', expr);
  u.searchParams.set('time', String(T + 150));
  const body = (await (await fetch(u)).json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

test('the replicas panel has one target per series, and the real Prometheus answers 4 desired and 3 ready', async () => {
  const panel = (dashboardJson(spec).panels as Array<{ title: string; targets: Array<{ expr: string; legendFormat?: string }> }>).find((p) => p.title.startsWith('Replicas'))!;
  assert.equal(panel.targets.map((t) => t.legendFormat), ['desired', 'ready']);
  const values = [];
  for (const t of panel.targets) values.push((await instant(t.expr)).map((r) => Number(r.value[1])));
  assert.equal(values, [[4], [3]]);
});

test('why: `spec or ready` on the same labels gives Prometheus one series, not two', async () => {
  const dep = `namespace="${spec.namespace}",deployment="${spec.app.name}"`;
  const r = await instant(`kube_deployment_spec_replicas{${dep}} or kube_deployment_status_replicas_ready{${dep}}`);
  assert.is(r.length, 1);
  assert.is(r[0].value[1], '4');
});
