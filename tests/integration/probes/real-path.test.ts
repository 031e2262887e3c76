// Issue 16 probe, real-path faults, through the real CLI: `scalelab run --backend microk8s` in a child process with
// the fake `pulumi` and `k6` of tests/fixtures/kube-backend on PATH, a node:http fake of the Kubernetes API and a
// node:http Prometheus whose answers each test chooses (bad values, no data, 40 MB, one byte a second). The
// signals are real (sent to the child). Expected: a bad answer fails the cell with exit 1 and the query named,
// never a record; a signal stops k6's process group, destroys the stack, removes the temp folder and exits 130/143.
import { after, before, test } from 'node:test';
import * as assert from 'uvu/assert';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { createK6NdjsonWriter, createK6SummaryBuilder } from '../../../k6/k6-output-writer.ts';
import { startFakeClusterApi, type FakeClusterApi } from '../helpers/fake-cluster-api.ts';
import { assertNoRawText, BIN, probeDir, ROOT } from './helpers/scalelab-cli.ts';

const FAKE_BIN = join(ROOT, 'tests/fixtures/kube-backend/bin');
const T0 = Math.floor((Date.now() / 1000 - 1800) / 15) * 15; // the load ran 30 min ago, 600 s long
const dir = probeDir('real-path');

/** What the fake Prometheus answers to every query_range (set per test). */
let answer: (res: ServerResponse, start: number, end: number, step: number) => void;
let queries = 0;
let onQuery: () => void = () => {};
const series = (value: string) => (res: ServerResponse, start: number, end: number, step: number) => {
  const values: Array<[number, string]> = [];
  for (let t = start; t <= end; t += step) values.push([t, value]);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
};

let prom: Server;
let api: FakeClusterApi;
before(async () => {
  prom = createServer((req, res) => {
    queries++;
    onQuery();
    const u = new URL(req.url ?? '/', 'http://x');
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(u.searchParams.get(k)));
    answer(res, start, end, step);
  });
  await new Promise<void>((r) => prom.listen(0, '127.0.0.1', r));
  const promUrl = `http://127.0.0.1:${(prom.address() as AddressInfo).port}`;
  api = await startFakeClusterApi();
  const kubeconfig = `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: a\n  cluster:\n    server: ${api.url}\ncontexts:\n- name: c\n  context: {cluster: a, user: u}\nusers:\n- name: u\n  user: {token: t}\n`;
  writeFileSync(join(dir, 'cluster-outputs.json'), JSON.stringify({ kubeconfig, nodeIp: '10.20.30.40', prometheusUrl: promUrl, grafanaUrl: 'http://10.20.30.40:30030' }));
  writeFileSync(join(dir, 'scenario-outputs.json'), JSON.stringify({ namespace: 'scalelab-__STACK__', deployment: 'nginx', autoscaler: 'rl', serviceUrl: 'http://10.20.30.40:31000/', prometheusUrl: promUrl }));
  writeFileSync(join(dir, 'cluster-config.json'), JSON.stringify({ 'scalelab:stackKind': { value: 'cluster', secret: false }, 'scalelab:nodeCount': { value: '1', secret: false }, 'scalelab:vmCpus': { value: '4', secret: false }, 'scalelab:vmMemoryGiB': { value: '8', secret: false } }));
  // k6's output in its own formats: one request a second for 600 s, 50 ms each.
  let ndjson = '';
  const w = createK6NdjsonWriter((t) => (ndjson += t), { http_req_duration: ['p(95)<200'] });
  const s = createK6SummaryBuilder();
  for (let i = 0; i < 600; i++) {
    const r = { timeMs: (T0 + i + 0.5) * 1000, durationMs: 50, status: 200, url: 'http://10.20.30.40:31000/', scenario: 'load' };
    w.request(r);
    s.request(r);
  }
  writeFileSync(join(dir, 'run.ndjson'), ndjson);
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(s.data(600_000)));
  writeFileSync(join(dir, 'exp.json'), JSON.stringify({
    name: 'probe-real',
    seeds: [1],
    plant: { slaLatencyMs: 200, minReplicas: 1, maxReplicas: 4 },
    scenarios: [{ name: 'steady', workload: { type: 'steady', rps: 1, durationSeconds: 600 } }],
    autoscalers: [{ name: 'rule', type: 'rule-based' }],
  }));
});
after(async () => {
  await new Promise<void>((r) => {
    prom.closeAllConnections();
    prom.close(() => r());
  });
  await api.close();
});

const env = () => ({ PATH: `${FAKE_BIN}:${process.env.PATH}`, FAKE_DIR: dir, PULUMI_SKIP_UPDATE_CHECK: 'true', PULUMI_CONFIG_PASSPHRASE: '', SCALELAB_QUIET: '1' });
const pulumiCalls = () => (existsSync(join(dir, 'pulumi.log')) ? readFileSync(join(dir, 'pulumi.log'), 'utf8').trim().split('\n').filter((l) => /^(up|destroy) /.test(l)).map((l) => l.split(' ')[0]) : []);
const kubeTemps = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('scalelab-kube-')));

/** Starts the run; `stop` (optional) is called with the child once Prometheus is first queried. */
function startRun(out: string, extraEnv: Record<string, string> = {}) {
  for (const f of ['pulumi.log', 'k6.log', 'k6.pids']) rmSync(join(dir, f), { force: true });
  queries = 0;
  const child = execa(process.execPath, [BIN, 'run', join(dir, 'exp.json'), '--backend', 'microk8s', '--out', out, '--workers', '1'], { env: { ...env(), ...extraEnv }, reject: false, timeout: 240_000, cwd: ROOT });
  return child;
}

const records = (out: string) => (existsSync(join(out, 'records.jsonl')) ? readFileSync(join(out, 'records.jsonl'), 'utf8').trim() : '');

test('control: a well-formed Prometheus gives one record and the stack is destroyed', async () => {
  answer = series('1');
  const out = join(dir, 'out-ok');
  const r = await startRun(out);
  assert.is(r.exitCode, 0, String(r.stderr));
  assert.is(records(out).split('\n').length, 1);
  assert.equal(pulumiCalls(), ['up', 'destroy']);
});

for (const [label, reply, named] of [
  ['NaN', series('NaN'), /"NaN"/],
  ['"abc"', series('abc'), /"abc"/],
  ['negative', series('-1'), /"-1"/],
  ['no data', (res: ServerResponse) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"matrix","result":[]}}'), /no data/],
  ['40 MB', (res: ServerResponse) => void res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(40 * 1024 * 1024, 0x20)), /larger than/],
] as const) {
  test(`silent 17–20 / crash 3: a Prometheus answer of ${label} fails the cell (exit 1, the query named), never a record; the stack is destroyed`, async () => {
    answer = reply as typeof answer;
    const out = join(dir, `out-${label.replace(/\W/g, '')}`);
    const before = kubeTemps();
    const r = await startRun(out);
    const stderr = String(r.stderr);
    assert.not.ok(r.timedOut, 'no hang');
    assert.is(r.exitCode, 1, stderr);
    assert.match(stderr, named);
    assert.match(stderr, /query|prometheus/i);
    assertNoRawText({ args: [], exitCode: r.exitCode, signal: r.signal, stdout: '', stderr, timedOut: false, ms: 0 });
    assert.is(records(out), '', 'no record of the bad data');
    assert.equal(pulumiCalls(), ['up', 'destroy']);
    assert.equal([...kubeTemps()].filter((f) => !before.has(f)), [], 'temp folder removed');
  });
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`data lost 3: ${sig} during k6 stops k6's process group, destroys the stack, removes the temp folder and exits ${code}`, async () => {
    answer = series('1');
    const out = join(dir, `out-${sig}`);
    const before = kubeTemps();
    const child = startRun(out, { FAKE_K6_SLEEP: '60' });
    for (let i = 0; i < 600 && !existsSync(join(dir, 'k6.pids')); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(join(dir, 'k6.pids')), 'k6 started');
    const sent = Date.now();
    child.kill(sig);
    const r = await child;
    assert.is(r.exitCode, code, String(r.stderr));
    assert.ok(Date.now() - sent < 30_000, `k6 was stopped, not waited for (${Date.now() - sent} ms)`);
    const pids = readFileSync(join(dir, 'k6.pids'), 'utf8').trim().split(' ').map(Number);
    const alive = (pid: number) => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    assert.not.ok(pids.some(alive), 'k6 and its child are gone');
    assert.equal(pulumiCalls(), ['up', 'destroy']);
    assert.equal([...kubeTemps()].filter((f) => !before.has(f)), [], 'temp folder removed');
    assert.is(records(out), '');
  });
}

test('hang 7–8: Prometheus sending one byte a second, then Ctrl-C — the run stops at once, destroys the stack and exits 130', async () => {
  answer = (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const t = setInterval(() => res.write(' '), 1000);
    res.on('close', () => clearInterval(t));
  };
  const out = join(dir, 'out-trickle');
  const child = startRun(out);
  await new Promise<void>((resolve) => (onQuery = resolve));
  onQuery = () => {};
  await new Promise((r) => setTimeout(r, 2000));
  const sent = Date.now();
  child.kill('SIGINT');
  const r = await child;
  assert.is(r.exitCode, 130, String(r.stderr));
  assert.ok(Date.now() - sent < 30_000, `stopped within 30 s (${Date.now() - sent} ms)`);
  assert.equal(pulumiCalls(), ['up', 'destroy']);
  assert.is(records(out), '');
});
