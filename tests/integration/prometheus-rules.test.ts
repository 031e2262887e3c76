// The PromQL the stacks and the controller ship, checked by the real `promtool check rules` (Debian package):
// the agent's PrometheusRule groups as they are, and every dashboard/controller query wrapped as a recording rule.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { buildAgentPrometheusRule } from '../../stacks/manifests/agent-alerts.ts';
import { dashboardJson } from '../../stacks/manifests/grafana-dashboard.ts';
import { defaultQueries } from '../../agent/controller/controller-queries.ts';
import { collectorQueries } from '../../experiments/kube/collector-queries.ts';
import { sampleSpec } from '../stacks/helpers/sample-spec.ts';

function promtoolCheck(groups: unknown): { ok: boolean; output: string } {
  const which = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error('promtool is not installed: run `apt-get update && apt-get install -y prometheus`');
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-rules-'));
  try {
    const file = join(dir, 'rules.yml');
    writeFileSync(file, YAML.stringify({ groups }));
    const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the agent's PrometheusRule groups pass promtool check rules", () => {
  const rule = buildAgentPrometheusRule(sampleSpec("rl")) as unknown as { spec: { groups: unknown[] } };
  const r = promtoolCheck(rule.spec.groups);
  assert.ok(r.ok, r.output);
  assert.match(r.output, /SUCCESS: 4 rules found/);
});

test('every dashboard panel query, controller query and collector query is valid PromQL', () => {
  const exprs = [
    ...(dashboardJson(sampleSpec('rl')).panels as Array<{ targets: Array<{ expr: string }> }>).flatMap((p) => p.targets.map((t) => t.expr)),
    ...Object.values(defaultQueries('ns', 'nginx')),
    ...Object.values(collectorQueries('ns', 'nginx', '1m')),
  ];
  const rules = exprs.map((expr, i) => ({ record: `scalelab:check_${i}`, expr }));
  const r = promtoolCheck([{ name: 'queries', rules }]);
  assert.ok(r.ok, r.output);
  assert.match(r.output, new RegExp(`SUCCESS: ${exprs.length} rules found`));
});

test('the check is real: a broken expression is rejected', () => {
  const r = promtoolCheck([{ name: 'bad', rules: [{ alert: 'Broken', expr: 'sum(rate(x[1m])' }] }]);
  assert.not.ok(r.ok);
});
