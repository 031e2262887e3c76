import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { estimateRealRun } from '../../../experiments/doctor/real-run-estimate.ts';

const cell = (key: string, autoscalerType: string, maxReplicas: number, durationSeconds = 600) => ({ key, durationSeconds, autoscalerType, maxReplicas, cpuRequestMilli: 250, memoryRequestMiB: 256 });

test('estimate: the peak is the largest cell (one cell runs at a time), agent and in-cluster k6 included; time adds up', () => {
  // Hand calculation: HPA cell 20 × 260 = 5200m, 20 × 272 = 5440 MiB, + k6 500m / 256 MiB = 5700m / 5696 MiB.
  // Agent cell 10 × 260 + 100 + 500 = 3200m. Two nodes of 4 vCPU / 8 GiB: 8000 − 1500 = 6500m, 16384 − 3072 = 13312 MiB.
  const e = estimateRealRun([cell('a/hpa/1', 'hpa', 20, 3600), cell('a/hybrid/1', 'hybrid', 10, 600)], { nodeCount: 2, vmCpus: 4, vmMemoryGiB: 8, k6InCluster: true });
  assert.equal(e, { peakCpuMilli: 5700, peakMemoryMiB: 5696, peakCell: 'a/hpa/1', allocatableCpuMilli: 6500, allocatableMemoryMiB: 13312, fits: true, realSeconds: 3600 + 240 + 600 + 240 });
});

test('estimate: the same sweep on one default VM does not fit; a local k6 saves its 500m', () => {
  const cells = [cell('a/hpa/1', 'hpa', 10)];
  const one = { nodeCount: 1, vmCpus: 2, vmMemoryGiB: 4 };
  // 10 × 260 = 2600m (+ 500m k6 in the cluster = 3100m) vs 2000 − 1500 = 500m allocatable.
  assert.is(estimateRealRun(cells, { ...one, k6InCluster: true }).peakCpuMilli, 3100);
  assert.is(estimateRealRun(cells, { ...one, k6InCluster: false }).peakCpuMilli, 2600);
  assert.is(estimateRealRun(cells, { ...one, k6InCluster: false }).fits, false);
});

