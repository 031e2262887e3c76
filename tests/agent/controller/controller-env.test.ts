import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseControllerEnv } from '../../../agent/controller/controller-env.ts';
import { buildAgentDeployment } from '../../../stacks/manifests/agent-deployment.ts';
import { sampleSpec } from '../../stacks/helpers/sample-spec.ts';

test('the env the agent Deployment sets parses into the controller settings it describes', () => {
  const dep = buildAgentDeployment({ ...sampleSpec('rl'), agent: { ...sampleSpec('rl').agent, shadow: true, cooldownSeconds: 90 } }) as any;
  const env = Object.fromEntries(dep.spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
  const c = parseControllerEnv(env);
  assert.is(c.namespace, 'scalelab-rl-test');
  assert.is(c.deployment, 'nginx');
  assert.equal(c.policy, { name: 'hybrid', type: 'hybrid' });
  assert.is(c.model, 'hybrid');
  assert.is(c.metricsPort, 9464);
  assert.is(c.config.shadow, true);
  assert.is(c.config.cooldownSeconds, 90);
  assert.is(c.config.intervalSeconds, 15);
  assert.is(c.config.maxReplicas, 10);
  assert.is(c.config.cpuRequestMilli, 100);
});

test('bad env values name the variable, the value and the expectation', () => {
  const base = { SCALELAB_NAMESPACE: 'n', SCALELAB_DEPLOYMENT: 'd', SCALELAB_PROMETHEUS_URL: 'http://p', SCALELAB_POLICY: 'hpa' };
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_INTERVAL_SECONDS: 'soon' }), /SCALELAB_INTERVAL_SECONDS: got "soon", expected an integer from 1 to 86400/);
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_SHADOW: 'yes' }), /SCALELAB_SHADOW/);
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_MIN_REPLICAS: '5', SCALELAB_MAX_REPLICAS: '2' }), /SCALELAB_MAX_REPLICAS/);
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_NAMESPACE: undefined }), /SCALELAB_NAMESPACE: got nothing \(missing\), expected a value/);
});

test('a port outside 1..65535 and a SCALELAB_POLICY that is neither JSON nor a type name are refused naming the variable', () => {
  const base = { SCALELAB_NAMESPACE: 'n', SCALELAB_DEPLOYMENT: 'd', SCALELAB_PROMETHEUS_URL: 'http://p', SCALELAB_POLICY: 'hpa' };
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['port above 65535', { SCALELAB_METRICS_PORT: '99999' }, /^environment SCALELAB_METRICS_PORT: got "99999", expected an integer from 1 to 65535$/],
    ['port 0', { SCALELAB_METRICS_PORT: '0' }, /SCALELAB_METRICS_PORT/],
    ['truncated JSON', { SCALELAB_POLICY: '{"name":' }, /^environment SCALELAB_POLICY: got .*expected a JSON autoscaler spec/],
    ['JSON array', { SCALELAB_POLICY: '[1]' }, /SCALELAB_POLICY/],
    ['spec without a type', { SCALELAB_POLICY: '{"name":"x"}' }, /SCALELAB_POLICY.*with string name and type/],
    ['model that is a path', { SCALELAB_MODEL: '../etc' }, /SCALELAB_MODEL/],
  ];
  for (const [name, extra, message] of cases) {
    assert.throws(() => parseControllerEnv({ ...base, ...extra }), (e: Error) => e.name === 'ControllerEnvError' && message.test(e.message), name);
  }
  assert.equal(parseControllerEnv({ ...base, SCALELAB_POLICY: '{"name":"kpa-05","type":"kpa","targetConcurrencyPerPod":0.5}' }).policy, { name: 'kpa-05', type: 'kpa', targetConcurrencyPerPod: 0.5 });
});
