// Upstream replica_calculator_test.go TestGroupPods: one row per upstream case, same pods and expectations.
// Upstream's `PodMetric{Value: 1}` has a zero timestamp and a zero window; that is written out here.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { groupPods, type CalculatorPod } from '../../../agent/hpa/index.ts';
import { NOW, ZERO } from './fixtures.ts';

const timing = { nowSeconds: NOW, cpuInitializationPeriodSeconds: 120, initialReadinessDelaySeconds: 10, defaultMetricWindowSeconds: 60 };
const bareSample = { usageMilli: 1, metricTimestampSeconds: ZERO, metricWindowSeconds: 0 };

interface Row {
  name: string;
  pods: CalculatorPod[];
  resource: string;
  ready: number;
  unready?: string[];
  missing?: string[];
  ignored?: string[];
}

const rows: Row[] = [
  { name: 'void', pods: [], resource: 'cpu', ready: 0 },
  { name: 'count in a ready pod - memory', pods: [{ name: 'bentham', phase: 'Succeeded', usageMilli: 1, metricTimestampSeconds: NOW, metricWindowSeconds: 60 }], resource: 'memory', ready: 1 },
  { name: 'unready a pod without ready condition - CPU', pods: [{ name: 'lucretius', phase: 'Succeeded', startTimeSeconds: NOW, ...bareSample }], resource: 'cpu', ready: 0, unready: ['lucretius'] },
  {
    name: 'count in a ready pod with fresh metrics during initialization period - CPU',
    pods: [{ name: 'bentham', phase: 'Succeeded', startTimeSeconds: NOW - 60, ready: true, readyTransitionTimeSeconds: NOW - 30, usageMilli: 1, metricTimestampSeconds: NOW, metricWindowSeconds: 30 }],
    resource: 'cpu',
    ready: 1,
  },
  {
    name: 'unready a ready pod without fresh metrics during initialization period - CPU',
    pods: [{ name: 'bentham', phase: 'Succeeded', startTimeSeconds: NOW - 60, ready: true, readyTransitionTimeSeconds: NOW - 30, usageMilli: 1, metricTimestampSeconds: NOW, metricWindowSeconds: 60 }],
    resource: 'cpu',
    ready: 0,
    unready: ['bentham'],
  },
  {
    name: 'unready an unready pod during initialization period - CPU',
    pods: [{ name: 'lucretius', phase: 'Succeeded', startTimeSeconds: NOW - 600, ready: false, readyTransitionTimeSeconds: NOW - 594, ...bareSample }],
    resource: 'cpu',
    ready: 0,
    unready: ['lucretius'],
  },
  {
    name: 'count in a ready pod without fresh metrics after initialization period - CPU',
    pods: [{ name: 'bentham', phase: 'Succeeded', startTimeSeconds: NOW - 180, ready: true, readyTransitionTimeSeconds: NOW - 180, usageMilli: 1, metricTimestampSeconds: NOW - 120, metricWindowSeconds: 60 }],
    resource: 'cpu',
    ready: 1,
  },
  {
    name: 'count in an unready pod that was ready after initialization period - CPU',
    pods: [{ name: 'lucretius', phase: 'Succeeded', startTimeSeconds: NOW - 600, ready: false, readyTransitionTimeSeconds: NOW - 540, ...bareSample }],
    resource: 'cpu',
    ready: 1,
  },
  {
    name: 'unready pod that has never been ready after initialization period - CPU',
    pods: [{ name: 'lucretius', phase: 'Succeeded', startTimeSeconds: NOW - 600, ready: false, readyTransitionTimeSeconds: NOW - 590, ...bareSample }],
    resource: 'cpu',
    ready: 1,
  },
  { name: 'a missing pod', pods: [{ name: 'epicurus', phase: 'Succeeded', startTimeSeconds: NOW - 180 }], resource: 'cpu', ready: 0, missing: ['epicurus'] },
  {
    name: 'several pods',
    pods: [
      { name: 'lucretius', phase: 'Succeeded', startTimeSeconds: NOW, ...bareSample },
      { name: 'niccolo', phase: 'Succeeded', startTimeSeconds: NOW - 180, ready: true, readyTransitionTimeSeconds: NOW - 180, ...bareSample },
      { name: 'epicurus', phase: 'Succeeded', startTimeSeconds: NOW - 180 },
    ],
    resource: 'cpu',
    ready: 1,
    unready: ['lucretius'],
    missing: ['epicurus'],
  },
  { name: 'pending pods are unreadied', pods: [{ name: 'unscheduled', phase: 'Pending' }], resource: 'cpu', ready: 0, unready: ['unscheduled'] },
  { name: 'ignore pods with deletion timestamps', pods: [{ name: 'deleted', phase: 'Pending', deleting: true, ...bareSample }], resource: 'cpu', ready: 0, ignored: ['deleted'] },
  { name: 'ignore pods in a failed state', pods: [{ name: 'failed', phase: 'Failed', ...bareSample }], resource: 'cpu', ready: 0, ignored: ['failed'] },
];

for (const row of rows) {
  test(`upstream TestGroupPods: ${row.name}`, () => {
    const groups = groupPods(row.pods, row.resource, timing);
    assert.is(groups.readyPodCount, row.ready);
    assert.equal([...groups.unready].sort(), row.unready ?? []);
    assert.equal([...groups.missing].sort(), row.missing ?? []);
    assert.equal([...groups.ignored].sort(), row.ignored ?? []);
  });
}

test('readiness does not matter for non-CPU metrics: an unready running pod with a sample counts as ready', () => {
  const pod: CalculatorPod = { name: 'p', phase: 'Running', ready: false, startTimeSeconds: NOW, usageMilli: 5 };
  assert.is(groupPods([pod], '', timing).readyPodCount, 1);
  assert.is(groupPods([pod], 'cpu', timing).readyPodCount, 0);
});
