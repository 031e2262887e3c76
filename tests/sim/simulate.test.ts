import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { Autoscaler, Observation } from '../../lib/ports.ts';
import type { OpenWorkload } from '../../workloads/workload.ts';
import { defaultPlantConfig } from '../../sim/config.ts';
import { simulateRun } from '../../sim/simulate.ts';

const daily: OpenWorkload = {
  kind: 'open', name: 'wave', durationSeconds: 3 * 3600, rateAt: (t) => 700 + 500 * Math.sin((2 * Math.PI * t) / 3600),
};

// A simple target-tracking scaler (70 % of the request), enough to exercise scaling and pod start-up.
function tracker(): Autoscaler & { seen: Observation[] } {
  const seen: Observation[] = [];
  return {
    name: 'tracker', periodSeconds: 15, seen,
    decide(o) {
      seen.push(o);
      if (o.cpuUtilization === undefined) return { replicas: o.specReplicas, reason: 'NoMetrics' };
      return { replicas: Math.ceil((o.readyReplicas * o.cpuUtilization) / 0.7), reason: 'Track' };
    },
  };
}

test('the same seed and config give identical results, byte for byte', () => {
  const a = simulateRun({ config: defaultPlantConfig, workload: daily, autoscaler: tracker(), seed: 5 });
  const b = simulateRun({ config: defaultPlantConfig, workload: daily, autoscaler: tracker(), seed: 5 });
  assert.equal(a, b);
  assert.is(JSON.stringify(a), JSON.stringify(b));
  const c = simulateRun({ config: defaultPlantConfig, workload: daily, autoscaler: tracker(), seed: 6 });
  assert.is.not(JSON.stringify(c.metrics), JSON.stringify(a.metrics), 'another seed draws other start-up times');
});

test('the autoscaler is asked every periodSeconds from t = period, and its reasons are counted', () => {
  const scaler = tracker();
  const r = simulateRun({ config: defaultPlantConfig, workload: daily, autoscaler: scaler, seed: 1, durationSeconds: 600 });
  assert.equal(scaler.seen.slice(0, 3).map((o) => o.nowSeconds), [15, 30, 45]);
  assert.is(scaler.seen.length, 39); // 15, 30, …, 585
  assert.is((r.reasons.NoMetrics ?? 0) + (r.reasons.Track ?? 0), 39);
  assert.is(r.metrics.durationSeconds, 600);
  assert.is(r.series.tSeconds.length, 10);
});

test('decisions are clamped to [minReplicas, maxReplicas] before they reach the plant', () => {
  const wild: Autoscaler = { name: 'wild', periodSeconds: 15, decide: (o) => ({ replicas: o.nowSeconds < 300 ? 500 : -3, reason: 'Wild' }) };
  const desired: number[] = [];
  simulateRun({
    config: { ...defaultPlantConfig, minReplicas: 2, maxReplicas: 9 }, workload: daily, autoscaler: wild, seed: 1,
    durationSeconds: 600, onTick: (s) => desired.push(s.desiredReplicas),
  });
  assert.is(Math.max(...desired), 9);
  assert.is(desired[desired.length - 1], 2);
});

test('a target-tracking run over a daily wave scales with the load and keeps every request accounted for', () => {
  const r = simulateRun({ config: defaultPlantConfig, workload: daily, autoscaler: tracker(), seed: 2 });
  const m = r.metrics;
  assert.ok(Math.abs(m.requests - 700 * 3 * 3600) / (700 * 3 * 3600) < 1e-6, `requests ${m.requests}`);
  assert.ok(Math.abs(m.successfulRequests + m.failedRequests - m.requests) < 1e-6);
  assert.ok(m.maxPods > m.meanPods && m.meanPods > 1, `pods ${m.meanPods} … ${m.maxPods}`);
  assert.ok(m.scalingActionsPerHour > 1);
  const hist = r.latencyHistogram.counts.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(hist - m.successfulRequests) / m.successfulRequests < 1e-9, 'histogram holds every successful request');
});
