// `scalelab run --backend microk8s` end to end through the real runner, the real Pulumi Automation API and the
// real kube backend, against: fake `pulumi` and `k6` on PATH (tests/fixtures/kube-backend), a node:http fake of
// the Kubernetes API (readiness, the k6 Job's pod, its results through the pod proxy), and a REAL Prometheus
// backfilled by promtool with the run's series. k6's output is written in k6's own formats (k6/k6-output-writer.ts)
// and its summary computed from the same requests. Expected metrics are computed by hand from the data.
import { after, before, test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseExperiment } from '../../experiments/experiment.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { chooseBackend } from '../../cli/backends.ts';
import { validateRunRecord } from '../../experiments/validate-run-record.ts';
import { gzipSync } from 'node:zlib';
import { startFakeClusterApi, type FakeClusterApi } from './helpers/fake-cluster-api.ts';
import { startPrometheus, type RunningPrometheus } from './helpers/prometheus.ts';
import { createK6NdjsonWriter, createK6SummaryBuilder } from '../../k6/k6-output-writer.ts';

const BIN = resolve(import.meta.dirname, '../fixtures/kube-backend/bin');
const STACKS = ['kube-e2e-steady-rule-s1', 'kube-e2e-steady-kpa-s1'];
const T0 = Math.floor((Date.now() / 1000 - 1800) / 15) * 15; // the load ran 30 min ago, 600 s long

// One request per second at T0 + i + 0.5; 50 ms before 300 s, 250 ms after (SLA 200 ms); every 100th fails (503).
// Returns k6's --out json text and k6's summary of the same requests; `keep` drops requests from the points only.
function k6Output(keep = (_i: number) => true): { ndjson: string; summary: string } {
  let ndjson = '';
  const w = createK6NdjsonWriter((t) => (ndjson += t), { http_req_duration: ['p(95)<200'] });
  const s = createK6SummaryBuilder();
  for (let i = 0; i < 600; i++) {
    const r = { timeMs: (T0 + i + 0.5) * 1000, durationMs: i < 300 ? 50 : 250, status: i % 100 === 99 ? 503 : 200, url: 'http://10.20.30.40:31000/', scenario: 'load' };
    if (keep(i)) w.request(r);
    s.request(r);
  }
  return { ndjson, summary: JSON.stringify(s.data(600_000)) };
}

// kube-state-metrics and cAdvisor for both namespaces: 2 pods (0.1 CPU, 64 MiB requested each) before 300 s,
// 4 after; the 2 first pods use 0.05 CPU each throughout, the new ones nothing.
function backfill(): string {
  const out = ['# TYPE nginx_http_requests counter', '# TYPE nginx_http_response_count counter', '# TYPE nginx_http_response_time_seconds_hist_bucket unknown', '# TYPE kube_deployment_status_replicas_ready gauge', '# TYPE kube_deployment_spec_replicas gauge', '# TYPE kube_deployment_status_replicas gauge', '# TYPE kube_pod_container_resource_requests gauge', '# TYPE container_cpu_usage_seconds counter'];
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
      rows.push(`nginx_http_requests_total{namespace="${ns}",pod="nginx-5d9c7b8f4-pod0"} ${Math.max(0, t - T0)} ${t}`);
      // The access-log exporter (lib/metric-names.ts): 1 req/s, every response 200 within 50 ms.
      rows.push(`nginx_http_response_count_total{namespace="${ns}",method="GET",status="200"} ${Math.max(0, t - T0)} ${t}`);
      for (const le of ['0.05', '+Inf']) rows.push(`nginx_http_response_time_seconds_hist_bucket{namespace="${ns}",method="GET",status="200",le="${le}"} ${Math.max(0, t - T0)} ${t}`);
      for (let p = 0; p < 2; p++) rows.push(`container_cpu_usage_seconds_total{namespace="${ns}",pod="nginx-5d9c7b8f4-pod${p}",container="nginx"} ${(0.05 * (t - T0 + 300)).toFixed(3)} ${t}`);
    }
  }
  // OpenMetrics wants each family's samples together and in time order.
  const families = ['nginx_http_requests_total', 'nginx_http_response_count_total', 'nginx_http_response_time_seconds_hist_bucket', 'kube_deployment_status_replicas_ready', 'kube_deployment_spec_replicas', 'kube_deployment_status_replicas', 'kube_pod_container_resource_requests', 'container_cpu_usage_seconds_total'];
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
let api: FakeClusterApi;
let fakeDir: string;
const savedPath = process.env.PATH;

before(async () => {
  prom = await startPrometheus({ backfillOpenMetrics: backfill() });
  api = await startFakeClusterApi();
  fakeDir = mkdtempSync(join(tmpdir(), 'scalelab-kube-e2e-'));
  const kubeconfig = `apiVersion: v1\nkind: Config\ncurrent-context: microk8s\nclusters:\n- name: microk8s-cluster\n  cluster:\n    server: ${api.url}\ncontexts:\n- name: microk8s\n  context: {cluster: microk8s-cluster, user: admin}\nusers:\n- name: admin\n  user: {token: test-token}\n`;
  writeFileSync(join(fakeDir, 'cluster-outputs.json'), JSON.stringify({ kubeconfig, nodeIp: '10.20.30.40', prometheusUrl: prom.url, grafanaUrl: 'http://10.20.30.40:30030' }));
  writeFileSync(join(fakeDir, 'scenario-outputs.json'), JSON.stringify({ namespace: 'scalelab-__STACK__', deployment: 'nginx', autoscaler: 'rl', serviceUrl: 'http://10.20.30.40:31000/', prometheusUrl: prom.url }));
  const k6 = k6Output();
  writeFileSync(join(fakeDir, 'run.ndjson'), k6.ndjson);
  writeFileSync(join(fakeDir, 'summary.json'), k6.summary);
  // The committed Pulumi.cluster.yaml's VMs, as `pulumi config --json` prints them.
  writeFileSync(join(fakeDir, 'cluster-config.json'), JSON.stringify({ 'scalelab:stackKind': { value: 'cluster', secret: false }, 'scalelab:nodeCount': { value: '1', secret: false }, 'scalelab:vmCpus': { value: '4', secret: false }, 'scalelab:vmMemoryGiB': { value: '8', secret: false } }));
  process.env.PATH = `${BIN}:${process.env.PATH}`;
  process.env.FAKE_DIR = fakeDir;
  process.env.PULUMI_SKIP_UPDATE_CHECK = 'true';
  process.env.PULUMI_CONFIG_PASSPHRASE = '';
});

after(async () => {
  process.env.PATH = savedPath;
  delete process.env.FAKE_DIR;
  delete process.env.PULUMI_SKIP_UPDATE_CHECK;
  delete process.env.PULUMI_CONFIG_PASSPHRASE;
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
  // The user's current stack is never switched: no `stack select`, and stacks are created with --no-select.
  assert.equal(p.filter((l) => /^stack select/.test(l) || (/^stack init/.test(l) && !l.includes('--no-select'))), []);
  assert.not.ok(existsSync(join(fakeDir, 'current-stack')), 'the workspace selection was not touched');
});

// Running (a zombie waiting for a reaper that this container's PID 1 may never be is not running).
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${sig} during k6: k6's whole process group is stopped, the stack destroyed, the temp folder removed, exit ${code}`, async () => {
    clearLogs();
    rmSync(join(fakeDir, 'k6.pids'), { force: true });
    process.env.FAKE_K6_SLEEP = '30';
    const started = Date.now();
    const tmpBefore = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('scalelab-kube-')));
    setTimeout(() => process.emit(sig), 1500);
    try {
      await run(join(fakeDir, `out-${sig}`));
      assert.unreachable('interrupted');
    } catch (err) {
      assert.is((err as { exitCode?: number }).exitCode, code);
      assert.match((err as Error).message, `interrupted by ${sig}`);
    } finally {
      delete process.env.FAKE_K6_SLEEP;
    }
    assert.ok(Date.now() - started < 10_000, `k6 was stopped, not waited for (${Date.now() - started} ms)`);
    const [shPid, sleepPid] = readFileSync(join(fakeDir, 'k6.pids'), 'utf8').trim().split(' ').map(Number);
    await new Promise((r) => setTimeout(r, 100));
    assert.not.ok(alive(shPid) || alive(sleepPid), 'k6 and the process it started are gone');
    const calls = log('pulumi.log').filter((l) => /^(up|destroy) /.test(l)).map((l) => l.split(' ')[0]);
    assert.equal(calls, ['up', 'destroy']);
    assert.equal(readdirSync(tmpdir()).filter((f) => f.startsWith('scalelab-kube-') && !tmpBefore.has(f)), [], 'temp folder removed');
    assert.not.ok(existsSync(join(fakeDir, `out-${sig}`, 'records.jsonl')) && readFileSync(join(fakeDir, `out-${sig}`, 'records.jsonl'), 'utf8').trim() !== '');
  });
}

const withoutLocalK6 = async <T>(fn: () => Promise<T>): Promise<T> => {
  const noK6 = join(fakeDir, 'bin-no-k6');
  mkdirSync(noK6, { recursive: true });
  for (const t of ['pulumi', 'multipass', 'kubectl']) if (!existsSync(join(noK6, t))) symlinkSync(join(BIN, t), join(noK6, t));
  const path = process.env.PATH!;
  process.env.PATH = path.replace(`${BIN}:`, `${noK6}:`);
  try {
    return await fn();
  } finally {
    process.env.PATH = path;
  }
};

test('without a local k6 the stack runs the K6Job; its points come gzipped through the pod proxy, not the (rotated) log', async () => {
  clearLogs();
  const k6 = k6Output();
  api.files.set('k6.ndjson.gz', gzipSync(k6.ndjson));
  api.files.set('summary.json', Buffer.from(k6.summary));
  api.k6ExitCode = 0;
  // What the pod log would hold after the kubelet's 10 MiB rotation if k6 wrote its points there: only the tail.
  api.logMaxBytes = 100_000;
  api.podLog = k6.ndjson;
  try {
    const result = await withoutLocalK6(() => run(join(fakeDir, 'out-job')));
    const m = result.records[0].metrics;
    assert.equal([m.requests, m.failedRequests, m.slaViolatingRequests, m.latencyMeanMs], [600, 6, 303, 150]);
    assert.ok(Math.abs(m.podHours - 0.5) < 1e-12);
  } finally {
    api.files.clear();
    delete api.k6ExitCode;
  }
  assert.equal(log('k6.log'), []);
  assert.ok(api.requests.some((r) => /pods\/nginx-k6-x7k2p:80\/proxy\/k6\.ndjson\.gz$/.test(r)), 'points read through the pod proxy');
  assert.not.ok(api.requests.some((r) => r.endsWith('/log')), 'the pod log is not the data source');
  const setAll = log('pulumi.log').find((l) => l.startsWith('config set-all') && l.includes(STACKS[0]))!;
  assert.ok(setAll.includes('scalelab:k6Job=true'), setAll);
});

test('points that lost requests (a truncated file) fail the cell loudly against the summary\'s http_reqs, and its stack is destroyed', async () => {
  clearLogs();
  const truncated = k6Output((i) => i < 450);
  api.files.set('k6.ndjson.gz', gzipSync(truncated.ndjson));
  api.files.set('summary.json', Buffer.from(truncated.summary));
  api.k6ExitCode = 0;
  try {
    await withoutLocalK6(() => run(join(fakeDir, 'out-truncated')));
    assert.unreachable('the counts disagree');
  } catch (err) {
    assert.match((err as Error).message, /the points hold 450 requests but k6's summary counted http_reqs = 600/);
  } finally {
    api.files.clear();
    delete api.k6ExitCode;
  }
  const calls = log('pulumi.log').filter((l) => /^(up|destroy) /.test(l)).map((l) => l.split(' ')[0]);
  assert.equal(calls, ['up', 'destroy']);
});

test('missing pulumi is reported with its install command before anything runs; kubectl is not required', async () => {
  clearLogs();
  const path = process.env.PATH;
  process.env.PATH = '/usr/bin:/bin';
  try {
    await run(join(fakeDir, 'out-tools'));
    assert.unreachable('tools missing');
  } catch (err) {
    const msg = String((err as Error).message);
    assert.match(msg, 'pulumi: curl -fsSL https://get.pulumi.com | sh');
    assert.not.match(msg, 'kubectl');
    assert.is((err as { exitCode?: number }).exitCode, 2);
  } finally {
    process.env.PATH = path;
  }
  assert.equal(log('pulumi.log'), []);
});

test('the local backend without PULUMI_CONFIG_PASSPHRASE: exit 2 before the first cell, saying what to export', async () => {
  clearLogs();
  delete process.env.PULUMI_CONFIG_PASSPHRASE;
  try {
    await run(join(fakeDir, 'out-pass'));
    assert.unreachable('no passphrase');
  } catch (err) {
    assert.is((err as { exitCode?: number }).exitCode, 2);
    assert.match((err as Error).message, /local backend \(file:\/\/~\).*export PULUMI_CONFIG_PASSPHRASE/);
  } finally {
    process.env.PULUMI_CONFIG_PASSPHRASE = '';
  }
  assert.equal(log('pulumi.log').filter((l) => /^(up|stack init)/.test(l)), []);
  // A Pulumi Cloud backend keeps its own secrets: no passphrase needed.
  process.env.FAKE_PULUMI_BACKEND_URL = 'https://api.pulumi.com';
  delete process.env.PULUMI_CONFIG_PASSPHRASE;
  try {
    const r = await run(join(fakeDir, 'out-cloud'));
    assert.is(r.ran, 2);
  } finally {
    delete process.env.FAKE_PULUMI_BACKEND_URL;
    process.env.PULUMI_CONFIG_PASSPHRASE = '';
  }
});

test('an experiment larger than the cluster is refused (exit 2) before the first cell, with what to change', async () => {
  clearLogs();
  const big = structuredClone(experiment);
  big.plant.maxReplicas = 20; // 20 × (250m + 10m) + agent 100m = 5.3 vCPU > 4 − 1.5 reserved
  try {
    await runExperiment({ def: await parseExperiment(big, { source: 'kube-e2e' }), outDir: join(fakeDir, 'out-big'), baseDir: fakeDir, workers: 1, ...chooseBackend('microk8s') });
    assert.unreachable('does not fit');
  } catch (err) {
    assert.is((err as { exitCode?: number }).exitCode, 2);
    const msg = (err as Error).message;
    assert.match(msg, /peak requests: 5\.30 vCPU/);
    assert.match(msg, /the experiment does not fit/);
    // One more 4-vCPU node leaves 8 − 1.5 − 0.25 = 6.25 vCPU ≥ 5.3 and 16 − 3 − 0.5 GiB ≥ 20 × 272 MiB + 256 MiB.
    assert.match(msg, /scalelab:nodeCount 2 /);
  }
  assert.equal(log('pulumi.log').filter((l) => /^up /.test(l)), []);
});

