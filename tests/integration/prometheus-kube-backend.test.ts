// `scalelab run --backend microk8s` end to end through the real runner, the real Pulumi Automation API and the
// real kube backend, against: fake `pulumi`, `k6`, `multipass`, `kubectl` on PATH (tests/fixtures/kube-backend),
// a node:http fake of the Kubernetes API (readiness), and a REAL Prometheus backfilled by promtool with the
// run's series. Expected metrics are computed by hand from the data the test writes.
import { after, before, test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseExperiment } from '../../experiments/experiment.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { chooseBackend } from '../../cli/backends.ts';
import { validateRunRecord } from '../../experiments/validate-run-record.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../agent/controller/helpers/fake-kube-api.ts';
import { startPrometheus, type RunningPrometheus } from './helpers/prometheus.ts';

const BIN = resolve(import.meta.dirname, '../fixtures/kube-backend/bin');
const STACKS = ['kube-e2e-steady-rule-s1', 'kube-e2e-steady-kpa-s1'];
const T0 = Math.floor((Date.now() / 1000 - 1800) / 15) * 15; // the load ran 30 min ago, 600 s long

// One request per second at T0 + i + 0.5; 50 ms before 300 s, 250 ms after (SLA 200 ms); every 100th fails.
function k6Ndjson(): string {
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const time = new Date((T0 + i + 0.5) * 1000).toISOString();
    const failed = i % 100 === 99;
    const ms = i < 300 ? 50 : 250;
    lines.push(JSON.stringify({ type: 'Point', metric: 'http_req_duration', data: { time, value: ms, tags: { expected_response: failed ? 'false' : 'true', status: failed ? '503' : '200' } } }));
    lines.push(JSON.stringify({ type: 'Point', metric: 'http_req_failed', data: { time, value: failed ? 1 : 0, tags: { status: failed ? '503' : '200' } } }));
  }
  return `${lines.join('\n')}\n`;
}

// kube-state-metrics and cAdvisor for both namespaces: 2 pods (0.1 CPU, 64 MiB requested each) before 300 s,
// 4 after; the 2 first pods use 0.05 CPU each throughout, the new ones nothing.
function backfill(): string {
  const out = ['# TYPE kube_deployment_status_replicas_ready gauge', '# TYPE kube_deployment_spec_replicas gauge', '# TYPE kube_deployment_status_replicas gauge', '# TYPE kube_pod_container_resource_requests gauge', '# TYPE container_cpu_usage_seconds counter'];
  const rows: string[] = [];
  for (const stack of STACKS) {
    const ns = `scalelab-${stack}`;
    for (let t = T0 - 300; t <= T0 + 900; t += 15) {
      const pods = t < T0 + 300 ? 2 : 4;
      const dep = `namespace="${ns}",deployment="nginx"`;
      rows.push(`kube_deployment_status_replicas_ready{${dep}} ${pods} ${t}`, `kube_deployment_spec_replicas{${dep}} ${pods} ${t}`, `kube_deployment_status_replicas{${dep}} ${pods} ${t}`);
      for (let p = 0; p < pods; p++) {
        const pod = `namespace="${ns}",pod="nginx-5d9c7b8f4-pod${p}",container="nginx"`;
        rows.push(`kube_pod_container_resource_requests{${pod},resource="cpu"} 0.1 ${t}`, `kube_pod_container_resource_requests{${pod},resource="memory"} 67108864 ${t}`);
      }
      for (let p = 0; p < 2; p++) rows.push(`container_cpu_usage_seconds_total{namespace="${ns}",pod="nginx-5d9c7b8f4-pod${p}",container="nginx"} ${(0.05 * (t - T0 + 300)).toFixed(3)} ${t}`);
    }
  }
  // OpenMetrics wants each family's samples together and in time order.
  const families = ['kube_deployment_status_replicas_ready', 'kube_deployment_spec_replicas', 'kube_deployment_status_replicas', 'kube_pod_container_resource_requests', 'container_cpu_usage_seconds_total'];
  const sorted = families.flatMap((f, i) => [out[i], ...rows.filter((r) => r.startsWith(`${f}{`)).sort((a, b) => Number(a.split(' ').pop()) - Number(b.split(' ').pop()) || a.localeCompare(b))]);
  return `${sorted.join('\n')}\n# EOF\n`;
}

const experiment = {
  name: 'kube-e2e',
  seeds: [1],
  plant: { slaLatencyMs: 200, pricePerVcpuHourUsd: 0.04, pricePerGibHourUsd: 0.005, minReplicas: 1, maxReplicas: 4 },
  scenarios: [{ name: 'steady', workload: { type: 'steady', rps: 1, durationSeconds: 600 } }],
  autoscalers: [{ name: 'rule', type: 'rule-based' }, { name: 'kpa', type: 'kpa' }],
};

let prom: RunningPrometheus;
let api: FakeKubeApi;
let fakeDir: string;
const savedPath = process.env.PATH;

before(async () => {
  prom = await startPrometheus({ backfillOpenMetrics: backfill() });
  api = await startFakeKubeApi('unused', 'nginx', 2);
  fakeDir = mkdtempSync(join(tmpdir(), 'scalelab-kube-e2e-'));
  const kubeconfig = `apiVersion: v1\nkind: Config\ncurrent-context: microk8s\nclusters:\n- name: microk8s-cluster\n  cluster:\n    server: ${api.url}\ncontexts:\n- name: microk8s\n  context: {cluster: microk8s-cluster, user: admin}\nusers:\n- name: admin\n  user: {token: test-token}\n`;
  writeFileSync(join(fakeDir, 'cluster-outputs.json'), JSON.stringify({ kubeconfig, nodeIp: '10.20.30.40', prometheusUrl: prom.url, grafanaUrl: 'http://10.20.30.40:30030' }));
  writeFileSync(join(fakeDir, 'scenario-outputs.json'), JSON.stringify({ namespace: 'scalelab-__STACK__', deployment: 'nginx', autoscaler: 'rl', serviceUrl: 'http://10.20.30.40:31000/', prometheusUrl: prom.url }));
  writeFileSync(join(fakeDir, 'run.ndjson'), k6Ndjson());
  writeFileSync(join(fakeDir, 'summary.json'), readFileSync(resolve(import.meta.dirname, '../fixtures/k6-results/summary-handle.json')));
  process.env.PATH = `${BIN}:${process.env.PATH}`;
  process.env.FAKE_DIR = fakeDir;
  process.env.PULUMI_SKIP_UPDATE_CHECK = 'true';
});

after(async () => {
  process.env.PATH = savedPath;
  delete process.env.FAKE_DIR;
  delete process.env.PULUMI_SKIP_UPDATE_CHECK;
  await prom?.stop();
  await api?.close();
  rmSync(fakeDir, { recursive: true, force: true });
});

const log = (f: string) => (existsSync(join(fakeDir, f)) ? readFileSync(join(fakeDir, f), 'utf8').trim().split('\n') : []);
const clearLogs = () => ['pulumi.log', 'k6.log'].forEach((f) => rmSync(join(fakeDir, f), { force: true }));
const def = () => parseExperiment(structuredClone(experiment), { source: 'kube-e2e' });
const run = async (outDir: string) => runExperiment({ def: await def(), outDir, baseDir: fakeDir, workers: 1, ...chooseBackend('microk8s') });

test('a failure in the middle of the second cell destroys its stack, keeps the records file valid, and a re-run resumes', async () => {
  const out = join(fakeDir, 'out-fail');
  clearLogs();
  process.env.FAKE_K6_FAIL_ON_CALL = '2';
  try {
    await run(out);
    assert.unreachable('the second cell should fail');
  } catch (err) {
    assert.match(String((err as Error).message), /k6 exited with 107/);
  } finally {
    delete process.env.FAKE_K6_FAIL_ON_CALL;
  }
  const calls = log('pulumi.log').filter((l) => /^(up|destroy) /.test(l)).map((l) => `${l.split(' ')[0]} ${/--stack (\S+)/.exec(l)![1]}`);
  assert.equal(calls, [`up ${STACKS[0]}`, `destroy ${STACKS[0]}`, `up ${STACKS[1]}`, `destroy ${STACKS[1]}`]);
  const lines = readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n');
  assert.is(lines.length, 1);
  validateRunRecord(JSON.parse(lines[0]));
  assert.is(JSON.parse(lines[0]).autoscaler, 'rule');

  clearLogs();
  const result = await run(out);
  assert.equal([result.ran, result.skipped], [1, 1]);
  const ups = log('pulumi.log').filter((l) => l.startsWith('up '));
  assert.is(ups.length, 1);
  assert.match(ups[0], `--stack ${STACKS[1]}`);
  assert.equal(result.records.map((r) => r.autoscaler), ['rule', 'kpa']);
  assert.equal(log('unexpected.log'), []);
});

test('the record has the metrics of the data, computed by hand', async () => {
  clearLogs();
  process.env.SCALELAB_AGENT_IMAGE = 'registry.test:5000/scalelab-agent:0.1.0';
  const result = await run(join(fakeDir, 'out-ok')).finally(() => delete process.env.SCALELAB_AGENT_IMAGE);
  const r = result.records[0];
  validateRunRecord(r);
  assert.is(r.backend, 'microk8s');
  const m = r.metrics;
  assert.is(m.durationSeconds, 600);
  assert.is(m.requests, 600);
  assert.is(m.failedRequests, 6);
  assert.is(m.successfulRequests, 594);
  // Slow: the 300 requests after 300 s minus the 3 failures among them; plus the 6 failures.
  assert.is(m.slaViolatingRequests, 303);
  assert.is(m.slaViolationRateRequests, 303 / 600);
  assert.is(m.latencyMeanMs, (297 * 50 + 297 * 250) / 594);
  assert.ok(m.latencyP95Ms > 250 / 1.13 && m.latencyP95Ms < 250 * 1.13, `P95 ${m.latencyP95Ms}`);
  // Minutes 0–4 at 50 ms, 5–9 at 250 ms: half the minutes break the SLA.
  assert.is(m.slaViolationRateMinutes, 0.5);
  assert.is(m.maxPods, 4);
  assert.is(m.meanPods, (2 * 300 + 4 * 300) / 600);
  assert.ok(Math.abs(m.podHours - 0.5) < 1e-12);
  assert.ok(Math.abs(m.scalingActionsPerHour - 6) < 1e-9, 'one change (2 → 4) in 10 minutes');
  // CPU: 0.1 core used against 0.2 then 0.4 requested.
  assert.ok(Math.abs(m.resourceEfficiency - 60 / 180) < 0.01, `efficiency ${m.resourceEfficiency}`);
  // Cost: (CPU × $0.04 + GiB × $0.005) per hour over 300 s at 2 pods and 300 s at 4.
  const cost = ((0.2 * 0.04 + 0.125 * 0.005) * 300 + (0.4 * 0.04 + 0.25 * 0.005) * 300) / 3600;
  assert.ok(Math.abs(m.costUsd - cost) < 1e-12, `cost ${m.costUsd} vs ${cost}`);
  // k6 ran the generated script against the stack's service URL, with NDJSON output.
  const k6 = log('k6.log');
  assert.match(k6[0], /^run --quiet --out json=\S+k6\.ndjson \S+script\.js TARGET_URL=http:\/\/10\.20\.30\.40:31000\/$/);
  assert.match(readFileSync(join(fakeDir, 'last-script.js'), 'utf8'), "\"executor\": \"ramping-arrival-rate\"");
  // The scenario config went through `pulumi config set-all`: one agent running the cell's whole spec, local k6.
  const setAll = log('pulumi.log').find((l) => l.startsWith('config set-all') && l.includes(STACKS[0]))!;
  for (const kv of ['scalelab:autoscaler=rl', 'scalelab:autoscalerSpec={"name":"rule","type":"rule-based"}', 'scalelab:k6Job=false', 'scalelab:maxReplicas=4', 'scalelab:clusterStack=cluster']) assert.ok(setAll.includes(kv), kv);
  assert.ok(setAll.includes('scalelab:agentImage=registry.test:5000/scalelab-agent:0.1.0'), 'SCALELAB_AGENT_IMAGE reaches the agent cell');
  // After a successful destroy the per-cell stack (and its Pulumi.<stack>.yaml) is removed.
  const p = log('pulumi.log');
  const destroyAt = p.findIndex((l) => l.startsWith('destroy ') && l.includes(STACKS[0]));
  const rmAt = p.findIndex((l) => /^stack rm --yes/.test(l) && l.includes(STACKS[0]));
  assert.ok(destroyAt >= 0 && rmAt > destroyAt, `stack rm after destroy: ${p.join(' | ')}`);
});

test('Ctrl-C during k6: the stack is destroyed and the run stops with exit code 130', async () => {
  clearLogs();
  process.env.FAKE_K6_SLEEP = '5';
  const started = Date.now();
  setTimeout(() => process.emit('SIGINT'), 1500);
  try {
    await run(join(fakeDir, 'out-int'));
    assert.unreachable('interrupted');
  } catch (err) {
    assert.is((err as { exitCode?: number }).exitCode, 130);
  } finally {
    delete process.env.FAKE_K6_SLEEP;
  }
  assert.ok(Date.now() - started < 4500, 'k6 was stopped, not waited for');
  const calls = log('pulumi.log').filter((l) => /^(up|destroy) /.test(l)).map((l) => l.split(' ')[0]);
  assert.equal(calls, ['up', 'destroy']);
  assert.not.ok(existsSync(join(fakeDir, 'out-int', 'records.jsonl')) && readFileSync(join(fakeDir, 'out-int', 'records.jsonl'), 'utf8').trim() !== '');
});

test('without a local k6 the stack runs the K6Job and the record comes from its log, with the same metrics', async () => {
  clearLogs();
  const noK6 = join(fakeDir, 'bin-no-k6');
  const { mkdirSync, symlinkSync } = await import('node:fs');
  mkdirSync(noK6, { recursive: true });
  for (const t of ['pulumi', 'multipass', 'kubectl']) if (!existsSync(join(noK6, t))) symlinkSync(join(BIN, t), join(noK6, t));
  const path = process.env.PATH!;
  process.env.PATH = path.replace(`${BIN}:`, `${noK6}:`);
  // The Job's pod log: k6's --out json=/dev/stdout lines, a stray warning, then the handleSummary JSON.
  api.jobLog = `${k6Ndjson()}time="…" level=warning msg="a warning k6 printed"\n${JSON.stringify(JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/k6-results/summary-handle.json'), 'utf8')))}\n`;
  try {
    const result = await run(join(fakeDir, 'out-job'));
    const m = result.records[0].metrics;
    assert.equal([m.requests, m.failedRequests, m.slaViolatingRequests, m.latencyMeanMs], [600, 6, 303, 150]);
    assert.ok(Math.abs(m.podHours - 0.5) < 1e-12);
  } finally {
    process.env.PATH = path;
    delete api.jobLog;
  }
  assert.equal(log('k6.log'), []);
  const setAll = log('pulumi.log').find((l) => l.startsWith('config set-all') && l.includes(STACKS[0]))!;
  assert.ok(setAll.includes('scalelab:k6Job=true'), setAll);
});

test('missing tools are reported with their install commands before anything runs', async () => {
  clearLogs();
  const path = process.env.PATH;
  process.env.PATH = '/usr/bin:/bin';
  try {
    await run(join(fakeDir, 'out-tools'));
    assert.unreachable('tools missing');
  } catch (err) {
    const msg = String((err as Error).message);
    assert.match(msg, 'pulumi: curl -fsSL https://get.pulumi.com | sh');
    assert.match(msg, 'multipass: sudo snap install multipass');
    assert.is((err as { exitCode?: number }).exitCode, 2);
  } finally {
    process.env.PATH = path;
  }
  assert.equal(log('pulumi.log'), []);
});
