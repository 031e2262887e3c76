import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { autoscalerTypes, createAutoscaler, registerAutoscaler } from '../../agent/registry.ts';
import { AutoscalerSpecError } from '../../agent/baselines/params.ts';
import { observation } from './baselines/helpers/observation.ts';

test('registry: every baseline type is registered and builds an autoscaler carrying the spec name', async () => {
  for (const type of ['rule-based', 'thesis-threshold', 'kpa', 'predictive']) {
    assert.ok(autoscalerTypes().includes(type), type);
    const a = await createAutoscaler({ name: `my-${type}`, type });
    assert.is(a.name, `my-${type}`);
    assert.ok(a.periodSeconds > 0);
  }
});

test('registry: parameters reach the autoscaler (a 10 % step threshold changes the decision)', async () => {
  const a = await createAutoscaler({ name: 'rb', type: 'rule-based', scaleUpUtilization: 0.9, scaleDownUtilization: 0.1 });
  assert.equal(a.decide(observation({ nowSeconds: 0, specReplicas: 3, cpuUtilization: 0.6 })), { replicas: 3, reason: 'WithinThresholds' });
});

test('registry: each call builds a fresh autoscaler (state is not shared between runs)', async () => {
  const spec = { name: 'rb', type: 'rule-based' };
  const a = await createAutoscaler(spec);
  const b = await createAutoscaler(spec);
  assert.is(a.decide(observation({ nowSeconds: 0, specReplicas: 3, cpuUtilization: 0.9 })).reason, 'ScaleUp');
  assert.is(b.decide(observation({ nowSeconds: 1, specReplicas: 3, cpuUtilization: 0.9 })).reason, 'ScaleUp');
});

const invalid: { title: string; spec: unknown; field: string }[] = [
  { title: 'a spec that is not an object', spec: 'hpa', field: 'autoscaler' },
  { title: 'a missing name', spec: { type: 'kpa' }, field: 'name' },
  { title: 'a name with spaces', spec: { name: 'my kpa', type: 'kpa' }, field: 'name' },
  { title: 'an unknown type', spec: { name: 'x', type: 'magic' }, field: 'type' },
  { title: 'an unknown parameter', spec: { name: 'x', type: 'kpa', panicWindow: 6 }, field: 'panicWindow' },
  { title: 'a parameter of the wrong type', spec: { name: 'x', type: 'predictive', headroom: '20%' }, field: 'headroom' },
];
for (const c of invalid) {
  test(`registry: refuses ${c.title}, naming the field`, async () => {
    try {
      await createAutoscaler(c.spec);
      assert.unreachable('should have thrown');
    } catch (err) {
      assert.instance(err, AutoscalerSpecError);
      assert.is((err as AutoscalerSpecError).field, c.field);
    }
  });
}

test('registry: the unknown-type message lists the registered types', async () => {
  try {
    await createAutoscaler({ name: 'x', type: 'magic' });
    assert.unreachable('an unknown type was accepted');
  } catch (err) {
    assert.match((err as Error).message, /expected one of .*kpa.*predictive.*rule-based/);
  }
});

test('registry: registerAutoscaler adds a type with an async factory (as an RL agent loading a model does)', async () => {
  registerAutoscaler('test-fixed', async (spec, ctx) => ({
    name: spec.name,
    periodSeconds: 30,
    decide: () => ({ replicas: Number(spec.replicas), reason: `Fixed:${ctx.baseDir}` }),
  }));
  const a = await createAutoscaler({ name: 'f', type: 'test-fixed', replicas: 4 }, { baseDir: '/models' });
  assert.equal(a.decide(observation({ nowSeconds: 0 })), { replicas: 4, reason: 'Fixed:/models' });
});
