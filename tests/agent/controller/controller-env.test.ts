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
  assert.is(c.policy, 'hybrid');
  assert.is(c.modelDir, '/model');
  assert.is(c.metricsPort, 9464);
  assert.is(c.config.shadow, true);
  assert.is(c.config.cooldownSeconds, 90);
  assert.is(c.config.intervalSeconds, 15);
  assert.is(c.config.maxReplicas, 10);
  assert.is(c.config.cpuRequestMilli, 100);
});

test('bad env values name the variable, the value and the expectation', () => {
  const base = { SCALELAB_NAMESPACE: 'n', SCALELAB_DEPLOYMENT: 'd', SCALELAB_PROMETHEUS_URL: 'http://p', SCALELAB_POLICY: 'hpa' };
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_INTERVAL_SECONDS: 'soon' }), /SCALELAB_INTERVAL_SECONDS: got "soon", expected an integer ≥ 1/);
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_SHADOW: 'yes' }), /SCALELAB_SHADOW/);
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_MIN_REPLICAS: '5', SCALELAB_MAX_REPLICAS: '2' }), /SCALELAB_MAX_REPLICAS/);
  assert.throws(() => parseControllerEnv({ ...base, SCALELAB_NAMESPACE: undefined }), /SCALELAB_NAMESPACE: missing/);
});
