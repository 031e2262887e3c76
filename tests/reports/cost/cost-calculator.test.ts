import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { costReport, runCostUsd } from '../../../reports/cost/cost-calculator.ts';
import type { RunRecord } from '../../../lib/ports.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const plant = { cpuRequestMilli: 250, memoryRequestMiB: 256, pricePerVcpuHourUsd: 0.04, pricePerGibHourUsd: 0.005 };
const rec = (name: string, type: string, seed: number, podHours: number, ok: number): RunRecord => {
  const r = makeRecord(name, seed, { podHours, costUsd: podHours * 0.01125, successfulRequests: ok, requests: ok, slaViolatingRequests: ok / 100 }, { withSeries: false });
  r.config = { plant, autoscaler: { name, type } };
  return r;
};

test('repricing a run: pod-hours × (vCPU request × $/vCPU-h + GiB request × $/GiB-h), hand-computed', () => {
  const r = rec('hpa-70', 'hpa', 1, 10, 1_000_000);
  assert.is(runCostUsd(r, {}), r.metrics.costUsd);
  // 10 pod-hours × (0.25 vCPU × $0.10 + 0.25 GiB × $0.005) = 10 × 0.02625 = $0.2625.
  assert.ok(Math.abs(runCostUsd(r, { priceVcpuHourUsd: 0.1 }) - 0.2625) < 1e-12);
  r.config = {};
  assert.throws(() => runCostUsd(r, { priceGibHourUsd: 0.01 }), /hpa-70 \/ spike \/ seed 1: config.plant.pricePerVcpuHourUsd is undefined, needed to reprice the run/);
});

test('$ per million requests, monthly cost and savings against a baseline (hand values)', () => {
  const rs = [1, 2, 3].flatMap((s) => [rec('hpa-70', 'hpa', s, 10, 1_000_000), rec('hybrid', 'hybrid', s, 5, 1_000_000)]);
  const c = costReport(rs, { requestsPerMonth: 50_000_000, resamples: 200 });
  const hpa = c.autoscalers.find((a) => a.autoscaler === 'hpa-70')!;
  const hybrid = c.autoscalers.find((a) => a.autoscaler === 'hybrid')!;
  // HPA: $0.1125 per run over 1 M requests = $0.1125 per million; × 50 = $5.625 a month. Hybrid half of that.
  assert.ok(Math.abs(hpa.costPerMillionUsd.estimate - 0.1125) < 1e-12);
  assert.ok(Math.abs(hpa.monthlyUsd.estimate - 5.625) < 1e-12);
  assert.ok(Math.abs(hybrid.monthlyUsd.estimate - 2.8125) < 1e-12);
  const saving = hybrid.savings.find((s) => s.baseline === 'hpa-70')!;
  assert.ok(Math.abs(saving.monthlyUsd.estimate - 2.8125) < 1e-12 && Math.abs(saving.pct.estimate - 50) < 1e-9);
  assert.ok(Math.abs(hybrid.slaViolationPct.estimate - 1) < 1e-12);
  assert.is(hpa.baseline, true);
  assert.is(hybrid.baseline, false);
});

test('bad options are refused with the field named', () => {
  const rs = [rec('hpa-70', 'hpa', 1, 10, 1000)];
  assert.throws(() => costReport(rs, { requestsPerMonth: 0 }), /requestsPerMonth is 0/);
  assert.throws(() => costReport(rs, { requestsPerMonth: 1, priceVcpuHourUsd: -1 }), /priceVcpuHourUsd is -1/);
});
