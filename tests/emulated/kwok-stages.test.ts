import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { kwokStagesYaml } from '../../emulated/kwok-stages.ts';
import { defaultPlantConfig } from '../../sim/config.ts';

const docs = parseAllDocuments(kwokStagesYaml(defaultPlantConfig)).map((d) => d.toJS());
const byName = Object.fromEntries(docs.map((d) => [d.metadata.name, d]));

test('the stages cover node initialisation and heartbeat and the pod lifecycle (kwok refuses to start without stages)', () => {
  assert.equal(Object.keys(byName).sort(), ['node-heartbeat-with-lease', 'node-initialize', 'pod-create', 'pod-delete', 'pod-ready']);
  for (const d of docs) {
    assert.is(d.apiVersion, 'kwok.x-k8s.io/v1alpha1');
    assert.is(d.kind, 'Stage');
  }
});

test('pod start-up spans the plant\'s log-normal ±1σ around its median, readiness waits the plant\'s readiness delay', () => {
  // Default plant: median 8 s, σ 0.35 → 8·e^−0.35 = 5.6375 s (rounds up) … 8·e^0.35 = 11.353 s; readiness 5 s.
  assert.equal(byName['pod-create'].spec.delay, { durationMilliseconds: 5638, jitterDurationMilliseconds: 11353 });
  assert.equal(byName['pod-ready'].spec.delay, { durationMilliseconds: 5000 });
});

test('each pod stage acts only on pods that are not being deleted; deletion removes the pod object', () => {
  for (const name of ['pod-create', 'pod-ready']) {
    assert.ok(byName[name].spec.selector.matchExpressions.some((e: any) => e.key === '.metadata.deletionTimestamp' && e.operator === 'DoesNotExist'), name);
  }
  assert.equal(byName['pod-delete'].spec.next, { delete: true });
});
