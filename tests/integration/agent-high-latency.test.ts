// AgentHighLatency evaluated by the real `promtool test rules` (Debian package) on response-time histogram series
// as the access-log exporter exports them: it fires after 5 minutes of a P95 over the SLA, and stays silent when
// the service is fast. (It used to read a gauge the agent sets only when it has latency data: it could never fire.)
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { buildAgentPrometheusRule, RESPONSE_TIME_HISTOGRAM } from '../../stacks/manifests/agent-alerts.ts';
import { sampleSpec } from '../stacks/helpers/sample-spec.ts';

const spec = sampleSpec('rl');
const rule = buildAgentPrometheusRule(spec) as unknown as { spec: { groups: Array<{ rules: Array<{ alert: string; annotations: Record<string, string> }> }> } };
const high = rule.spec.groups[0].rules.find((r) => r.alert === 'AgentHighLatency')!;

// 10 requests per 15 s scrape; `slowShare` of them take 0.3 s (bucket le=0.5), the rest 0.05 s (le=0.1).
function series(slowShare: number): Array<{ series: string; values: string }> {
  const fast = 10 * (1 - slowShare);
  const per: Record<string, number> = { '0.1': fast, '0.25': fast, '0.5': 10, '+Inf': 10 };
  return Object.entries(per).map(([le, n]) => ({ series: `${RESPONSE_TIME_HISTOGRAM}_bucket{namespace="${spec.namespace}",pod="nginx-1",le="${le}"}`, values: `0+${n}x80` }));
}

function promtoolTest(slowShare: number, expectFiring: boolean): { ok: boolean; output: string } {
  const which = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error('promtool is not installed: run `apt-get update && apt-get install -y prometheus`');
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-alert-'));
  try {
    writeFileSync(join(dir, 'rules.yml'), YAML.stringify({ groups: rule.spec.groups }));
    const unit = {
      rule_files: ['rules.yml'],
      evaluation_interval: '15s',
      tests: [
        {
          interval: '15s',
          input_series: series(slowShare),
          alert_rule_test: [
            { eval_time: '4m', alertname: 'AgentHighLatency', exp_alerts: [] },
            { eval_time: '10m', alertname: 'AgentHighLatency', exp_alerts: expectFiring ? [{ exp_labels: { severity: 'warning' }, exp_annotations: high.annotations }] : [] },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'test.yml'), YAML.stringify(unit));
    const r = spawnSync('promtool', ['test', 'rules', join(dir, 'test.yml')], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('AgentHighLatency fires after 5 minutes of P95 over the 200 ms SLA (20 % of requests at 0.3 s), not before', () => {
  const r = promtoolTest(0.2, true);
  assert.ok(r.ok, r.output);
});

test('AgentHighLatency stays silent when the P95 is under the SLA (2 % slow), and the test is real (expecting it fails)', () => {
  assert.ok(promtoolTest(0.02, false).ok);
  assert.not.ok(promtoolTest(0.02, true).ok);
});
