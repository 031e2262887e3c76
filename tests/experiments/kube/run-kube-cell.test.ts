import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runKubeCell, COLLECTOR_WINDOW_SECONDS, type KubeCellDeps } from '../../../experiments/kube/run-kube-cell.ts';
import { defaultPlantConfig } from '../../../sim/config.ts';
import type { Cell } from '../../../experiments/cells.ts';
import type { StackDriver } from '../../../experiments/kube/pulumi-stacks.ts';
import { createK6NdjsonWriter, createK6SummaryBuilder } from '../../../k6/k6-output-writer.ts';
import { startFakeClusterApi, type FakeClusterApi } from '../../integration/helpers/fake-cluster-api.ts';

const cell = (workload: Record<string, unknown> = { type: 'steady', rps: 5, durationSeconds: 60 }): Cell => ({
  index: 0,
  key: 'steady/hpa-70/1',
  experiment: 'standard',
  scenario: 'steady',
  autoscaler: 'hpa-70',
  seed: 1,
  config: { hash: '0123456789abcdef', durationSeconds: null, plant: defaultPlantConfig, workload: workload as never, autoscaler: { name: 'hpa-70', type: 'hpa' } as never },
});

// A Prometheus answering every query_range with one series; `value` per query (default "1").
async function fakePrometheus(value: (query: string) => string = () => '1'): Promise<{ url: string; queries: string[]; close(): Promise<void> }> {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const q = u.searchParams.get('query') ?? '';
    queries.push(q);
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(u.searchParams.get(k)));
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) values.push([t, value(q)]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, queries, close: () => new Promise((r) => server.close(() => r())) };
}

let api: FakeClusterApi;
test.before(async () => {
  api = await startFakeClusterApi();
});
test.after(() => api.close());

function deps(prometheusUrl: string, calls: string[], over: Partial<KubeCellDeps> = {}): KubeCellDeps {
  const kubeconfig = `clusters: [{name: a, cluster: {server: "${api.url}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: a, user: u}}]\ncurrent-context: c\n`;
  const stacks: StackDriver = {
    outputs: async () => ({ kubeconfig, prometheusUrl }),
    config: async () => ({}),
    backendUrl: async () => 'https://api.pulumi.com',
    up: async (s, config) => {
      calls.push(`up ${s} ${config.workloadSpec}`);
      return { namespace: `scalelab-${s}`, deployment: 'nginx', serviceUrl: 'http://10.0.0.1:31000/' };
    },
    destroy: async (s) => void calls.push(`destroy ${s}`),
  };
  // A local k6 whose 60 requests end "now": one per second over the last minute, 20 ms each.
  const runK6: KubeCellDeps['runK6'] = async (_script, url, dir) => {
    let text = '';
    const w = createK6NdjsonWriter((t) => (text += t));
    const s = createK6SummaryBuilder();
    const now = Date.now();
    for (let i = 0; i < 60; i++) {
      const r = { timeMs: now - 60_000 + i * 1000, durationMs: 20, status: 200, url };
      w.request(r);
      s.request(r);
    }
    writeFileSync(join(dir, 'k6.ndjson'), text);
    return { summaryJson: JSON.stringify(s.data(60_000)), ndjsonPath: join(dir, 'k6.ndjson'), exitCode: 0 };
  };
  return { stacks, clusterStack: 'cluster', runK6, signal: new AbortController().signal, sleep: async (ms) => void calls.push(`sleep ${ms}`), readinessTimeoutSeconds: 5, stepSeconds: 15, log: () => {}, ...over };
}

test('no cluster stack yet: the cell fails saying how to create it, and no scenario stack is touched', async () => {
  const calls: string[] = [];
  const d = deps('http://127.0.0.1:1', calls);
  d.stacks.outputs = async () => {
    throw new Error("no stack named 'cluster' found");
  };
  try {
    await runKubeCell(cell(), { baseDir: '/exp' }, d);
    assert.unreachable('should fail');
  } catch (err) {
    assert.match((err as Error).message, /cluster stack cluster: cannot read its outputs; create it first with `pulumi up -s cluster`/);
  }
  assert.equal(calls, []);
});

test('after k6 the cell waits one collector window before query_range, and every rate() spans that window (≥ 4 scrapes at 30 s)', async () => {
  const prom = await fakePrometheus();
  const calls: string[] = [];
  try {
    const record = await runKubeCell(cell(), { baseDir: '/exp' }, deps(prom.url, calls));
    assert.is(record.metrics.requests, 60);
    const slept = calls.filter((c) => c.startsWith('sleep ')).map((c) => Number(c.split(' ')[1]));
    const wait = slept[slept.length - 1];
    // The load ended within the current 15 s step; the wait runs to that step's end plus 120 s.
    assert.is(COLLECTOR_WINDOW_SECONDS, 120);
    assert.ok(wait > 120_000 - 2_000 && wait <= 135_000, `waited ${wait} ms`);
    const rates = prom.queries.filter((q) => q.includes('rate('));
    assert.ok(rates.length > 0 && rates.every((q) => q.includes('[120s]')), prom.queries.join('\n'));
    assert.equal(calls.filter((c) => c.startsWith('destroy')), ['destroy standard-steady-hpa-70-s1']);
  } finally {
    await prom.close();
  }
});

test('trace files reach the stack config as absolute paths, resolved against the experiment folder (never the cwd)', async () => {
  const prom = await fakePrometheus();
  const calls: string[] = [];
  const d = deps(prom.url, calls);
  d.stacks.up = async (s, config) => {
    calls.push(`up ${config.workloadSpec}`);
    throw new Error('stop here');
  };
  const trace = { type: 'sum', of: [{ type: 'trace', file: '../../data/traces/t.csv', durationSeconds: 60 }, { type: 'trace', file: '/abs/x.csv' }] };
  try {
    await runKubeCell(cell(trace), { baseDir: '/home/u/scalelab/experiments/defs' }, d);
  } catch (err) {
    assert.match((err as Error).message, /stop here/);
  } finally {
    await prom.close();
  }
  const spec = JSON.parse(calls[0].slice(3));
  assert.equal(spec.of.map((p: { file: string }) => p.file), ['/home/u/scalelab/data/traces/t.csv', '/abs/x.csv']);
  assert.ok(calls.includes('destroy standard-steady-hpa-70-s1'));
});

for (const [bad, why] of [['NaN', /value "NaN" at .* expected a finite number ≥ 0/], ['abc', /value "abc"/], ['-0.5', /value "-0.5"/], ['+Inf', /value "\+Inf"/]] as const) {
  test(`a Prometheus value of ${bad} fails the cell with the query named (never a zero-cost record), and the stack is destroyed`, async () => {
    const prom = await fakePrometheus((q) => (q.includes('kube_pod_container_resource_requests') ? bad : '1'));
    const calls: string[] = [];
    try {
      await runKubeCell(cell(), { baseDir: '/exp' }, deps(prom.url, calls));
      assert.unreachable('bad data');
    } catch (err) {
      assert.match((err as Error).message, why);
      assert.match((err as Error).message, /kube_pod_container_resource_requests/);
    } finally {
      await prom.close();
    }
    assert.ok(calls.includes('destroy standard-steady-hpa-70-s1'));
  });
}

test('a stop that arrived between two cells creates nothing more: no pulumi up, the CellInterrupted names the signal', async () => {
  const { CellInterrupted } = await import('../../../experiments/kube/stop-signals.ts');
  const calls: string[] = [];
  const ac = new AbortController();
  ac.abort(new CellInterrupted('SIGTERM'));
  try {
    await runKubeCell(cell(), { baseDir: '/exp' }, deps('http://127.0.0.1:1', calls, { signal: ac.signal }));
    assert.unreachable('stopped');
  } catch (err) {
    assert.instance(err, CellInterrupted);
    assert.is((err as InstanceType<typeof CellInterrupted>).signal, 'SIGTERM');
  }
  assert.equal(calls, []);
});

test('a failed pulumi up (a killed provider) names the cell and the failure, destroys the stack and says how to retry', async () => {
  const calls: string[] = [];
  const d = deps('http://127.0.0.1:1', calls);
  d.stacks.up = async (s) => {
    calls.push(`up ${s}`);
    throw new Error(`pulumi up ${s} failed:\n  Deployment x: error reading from server: EOF`);
  };
  try {
    await runKubeCell(cell(), { baseDir: '/exp' }, d);
    assert.unreachable('should fail');
  } catch (err) {
    const m = (err as Error).message;
    assert.match(m, /^cell steady\/hpa-70\/1 failed: pulumi up standard-steady-hpa-70-s1 failed:\n {2}Deployment x: error reading from server: EOF\n/);
    assert.match(m, /its stack standard-steady-hpa-70-s1 was destroyed; run the same command again to retry it/);
  }
  assert.equal(calls, ['up standard-steady-hpa-70-s1', 'destroy standard-steady-hpa-70-s1']);
});

test('when the destroy fails too, the cell\'s own failure is kept and the leaked stack is named', async () => {
  const calls: string[] = [];
  const logged: string[] = [];
  const d = deps('http://127.0.0.1:1', calls, { log: (l) => void logged.push(l) });
  d.stacks.up = async () => { throw new Error('pulumi up s failed:\n  boom'); };
  d.stacks.destroy = async (s) => { throw new Error(`pulumi destroy ${s} failed:\n  gone`); };
  try {
    await runKubeCell(cell(), { baseDir: '/exp' }, d);
    assert.unreachable('should fail');
  } catch (err) {
    assert.match((err as Error).message, /^cell steady\/hpa-70\/1 failed: pulumi up s failed:\n {2}boom\nits stack standard-steady-hpa-70-s1 may still hold resources$/);
  }
  assert.ok(logged.some((l) => l.includes('pulumi destroy standard-steady-hpa-70-s1 failed:\n  gone\nClean up with `pulumi destroy -s standard-steady-hpa-70-s1`.')), logged.join('\n'));
});
