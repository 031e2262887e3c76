import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createRuleBasedAutoscaler, defaultRuleBasedConfig, parseRuleBasedConfig } from '../../../agent/baselines/rule-based.ts';
import { AutoscalerSpecError } from '../../../agent/baselines/params.ts';
import { observation } from './helpers/observation.ts';

const single: { title: string; spec: number; cpu?: number; max?: number; min?: number; want: number; reason: string }[] = [
  { title: 'CPU above 50 % adds one pod', spec: 3, cpu: 0.6, want: 4, reason: 'ScaleUp' },
  { title: 'CPU exactly 50 % is not above the threshold', spec: 3, cpu: 0.5, want: 3, reason: 'WithinThresholds' },
  { title: 'CPU between 30 % and 50 % holds', spec: 3, cpu: 0.4, want: 3, reason: 'WithinThresholds' },
  { title: 'CPU exactly 30 % is not below the threshold', spec: 3, cpu: 0.3, want: 3, reason: 'WithinThresholds' },
  { title: 'CPU below 30 % removes one pod', spec: 3, cpu: 0.2, want: 2, reason: 'ScaleDown' },
  { title: 'missing CPU holds instead of scaling down', spec: 3, cpu: undefined, want: 3, reason: 'NoMetrics' },
  { title: 'at maxReplicas a hot service stays at the bound', spec: 20, cpu: 0.9, want: 20, reason: 'AtMaxReplicas' },
  { title: 'at minReplicas an idle service stays at the bound', spec: 2, min: 2, cpu: 0.05, want: 2, reason: 'AtMinReplicas' },
];

for (const c of single) {
  test(`rule-based: ${c.title}`, () => {
    const scaler = createRuleBasedAutoscaler();
    const d = scaler.decide(observation({ nowSeconds: 100, specReplicas: c.spec, cpuUtilization: c.cpu, maxReplicas: c.max ?? 20, minReplicas: c.min ?? 1 }));
    assert.equal(d, { replicas: c.want, reason: c.reason });
  });
}

test('rule-based: after a scale-up the 60 s cooldown blocks actions until exactly 60 s have passed', () => {
  const scaler = createRuleBasedAutoscaler();
  const steps: [number, number, number, string][] = [
    // [now, spec, want, reason] with CPU at 90 % throughout
    [0, 3, 4, 'ScaleUp'],
    [15, 4, 4, 'CooldownActive'],
    [59, 4, 4, 'CooldownActive'],
    [60, 4, 5, 'ScaleUp'],
    [75, 5, 5, 'CooldownActive'],
  ];
  for (const [now, spec, want, reason] of steps) {
    assert.equal(scaler.decide(observation({ nowSeconds: now, specReplicas: spec, cpuUtilization: 0.9 })), { replicas: want, reason }, `t=${now}`);
  }
});

test('rule-based: a hold inside the thresholds does not start a cooldown', () => {
  const scaler = createRuleBasedAutoscaler();
  scaler.decide(observation({ nowSeconds: 0, specReplicas: 3, cpuUtilization: 0.4 }));
  assert.equal(scaler.decide(observation({ nowSeconds: 15, specReplicas: 3, cpuUtilization: 0.1 })), { replicas: 2, reason: 'ScaleDown' });
});

test('rule-based: parameters default to the thesis values and bad ones name the field', () => {
  assert.equal(parseRuleBasedConfig({}), defaultRuleBasedConfig);
  assert.equal(parseRuleBasedConfig({ name: 'x', type: 'rule-based', cooldownSeconds: 30 }).cooldownSeconds, 30);
  const bad: [Record<string, unknown>, string][] = [
    [{ scaleDownUtilization: 0.6 }, 'scaleDownUtilization'],
    [{ cooldownSeconds: -1 }, 'cooldownSeconds'],
    [{ scaleUpStepPods: 1.5 }, 'scaleUpStepPods'],
    [{ cooldownSecond: 30 }, 'cooldownSecond'],
    [{ periodSeconds: '15' }, 'periodSeconds'],
  ];
  for (const [params, field] of bad) {
    try {
      parseRuleBasedConfig(params);
      assert.unreachable(`expected ${field} to be refused`);
    } catch (err) {
      assert.instance(err, AutoscalerSpecError);
      assert.is((err as AutoscalerSpecError).field, field);
      assert.ok((err as Error).message.startsWith(`${field}: got`), (err as Error).message);
    }
  }
});
