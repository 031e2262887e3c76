// Issue 16 at render time: a stack config the agent could not run is refused by `stacks render` (and so by the
// Pulumi program, which builds through the same functions) naming the config key, before anything is applied.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stackManifests } from '../../stacks/render-stack.ts';

const root = resolve(import.meta.dirname, '../..');

/** Renders a one-off stack file holding `config` (project root copied to a temp dir). */
function render(config: Record<string, string>): () => unknown {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalelab-stack-'));
    try {
      copyFileSync(join(root, 'Pulumi.yaml'), join(dir, 'Pulumi.yaml'));
      const lines = Object.entries(config).map(([k, v]) => `  scalelab:${k}: ${JSON.stringify(v)}`);
      writeFileSync(join(dir, 'Pulumi.bad.yaml'), `config:\n${lines.join('\n')}\n`);
      return stackManifests(dir, 'bad');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const cases: Array<{ what: string; config: Record<string, string>; message: RegExp }> = [
  { what: 'an unregistered policy (the old docs said "constrained")', config: { autoscaler: 'rl', agentPolicy: 'constrained' }, message: /^config scalelab:agentPolicy: got "constrained", expected a registered autoscaler type \(.*hybrid-constrained/ },
  { what: 'an image reference with a space and upper case', config: { autoscaler: 'rl', agentImage: 'My Registry/agent:1' }, message: /^config scalelab:agentImage: got "My Registry\/agent:1", expected an image reference/ },
  { what: 'an image with an empty tag', config: { autoscaler: 'rl', agentImage: 'ghcr.io/scalelab/agent:' }, message: /^config scalelab:agentImage:/ },
  { what: 'a bad k6 image', config: { k6Image: 'grafana/k6:latest tag' }, message: /^config scalelab:k6Image:/ },
  { what: 'a model that is not committed', config: { autoscaler: 'rl', agentPolicy: 'dqn', agentModel: 'no-such-model' }, message: /^config scalelab:agentModel: got "no-such-model", expected a committed model under models\/ \(dqn, / },
  { what: 'a model of another type', config: { autoscaler: 'rl', agentPolicy: 'dqn', agentModel: 'ppo' }, message: /^config scalelab:agentModel: got "ppo", expected a dqn model \(models\/ppo holds a ppo model\)/ },
  { what: 'a model for a type that loads none', config: { autoscaler: 'rl', agentPolicy: 'kpa', agentModel: 'dqn' }, message: /^config scalelab:agentModel: .*type "kpa" does not load one/ },
  { what: 'an autoscalerSpec that is not JSON', config: { autoscaler: 'rl', autoscalerSpec: '{kpa' }, message: /^config scalelab:autoscalerSpec: got "\{kpa", expected a JSON autoscaler spec/ },
  { what: 'a model path inside the spec', config: { autoscaler: 'rl', autoscalerSpec: '{"name":"d","type":"dqn","model":"/tmp/m"}' }, message: /^config scalelab:autoscalerSpec\.model:/ },
  { what: 'a non-hpa spec on an hpa stack', config: { autoscaler: 'hpa', autoscalerSpec: '{"name":"k","type":"kpa"}' }, message: /^config scalelab:autoscalerSpec: .*type "hpa"/ },
  { what: 'an HPA controller flag', config: { autoscaler: 'hpa', autoscalerSpec: '{"name":"h","type":"hpa","tolerance":0.2}' }, message: /^config scalelab:autoscalerSpec\.tolerance: got 0\.2, expected 0\.1: it is a kube-controller-manager flag/ },
];

for (const c of cases) {
  test(`render refuses ${c.what}, naming the key`, () => {
    assert.throws(render(c.config), (e: Error) => e.name === 'StackConfigError' && c.message.test(e.message));
  });
}

test('the well-formed variants of the same settings render', () => {
  const variants: Array<Record<string, string>> = [
    { autoscaler: 'rl', agentPolicy: 'hybrid-constrained', agentImage: '10.0.0.5:32000/scalelab-agent:0.1.0' },
    { autoscaler: 'rl', agentPolicy: 'dqn', agentModel: 'dqn-weak-sla', agentImage: 'ghcr.io/scalelab/agent@sha256:' + 'a'.repeat(64) },
    { autoscaler: 'rl', autoscalerSpec: '{"name":"kpa","type":"kpa","targetConcurrencyPerPod":0.5}' },
    { autoscaler: 'hpa', autoscalerSpec: '{"name":"h","type":"hpa","targetCpuUtilization":60,"behavior":{"scaleDown":{"stabilizationWindowSeconds":120}}}' },
  ];
  for (const config of variants) {
    const manifests = render(config)() as Array<{ kind: string }>;
    assert.ok(manifests.length > 5, JSON.stringify(config));
  }
});
