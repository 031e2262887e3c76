import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildScenarioManifests, flattenManifests } from '../../../stacks/manifests/scenario-manifests.ts';
import { dashboardJson } from '../../../stacks/manifests/grafana-dashboard.ts';
import { buildAgentPrometheusRule } from '../../../stacks/manifests/agent-alerts.ts';
import { collectorQueries } from '../../../experiments/kube/collector-queries.ts';
import { COLLECTOR_WINDOW_SECONDS } from '../../../experiments/kube/run-kube-cell.ts';
import { ADDON_SCRAPE_INTERVAL_SECONDS, MIN_SCRAPES_PER_WINDOW, SERVICE_MONITOR_INTERVAL, SERVICE_MONITOR_INTERVAL_SECONDS } from '../../../stacks/manifests/scrape-intervals.ts';
import { sampleSpec } from '../helpers/sample-spec.ts';

test('every ServiceMonitor of a scenario sets its scrape interval explicitly (15s), never the addon\'s 30 s default', () => {
  for (const kind of ['hpa', 'rl'] as const) {
    const monitors = flattenManifests(buildScenarioManifests(sampleSpec(kind), { k6Job: true })).filter((m) => m.kind === 'ServiceMonitor');
    assert.ok(monitors.length >= 1, kind);
    for (const m of monitors) for (const e of (m.spec as { endpoints: Array<{ interval?: string }> }).endpoints) assert.is(e.interval, SERVICE_MONITOR_INTERVAL, `${kind} ${m.metadata.name}`);
  }
});

// Seconds of a PromQL duration such as 90s, 2m, 1h30m.
const seconds = (d: string) => [...d.matchAll(/(\d+)(ms|s|m|h)/g)].reduce((t, [, n, u]) => t + Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600 }[u]!, 0);

test('every range window the real path queries spans ≥ 4 scrapes of its series (cAdvisor and kube-state-metrics at 30 s)', () => {
  const spec = sampleSpec('rl');
  const exprs = [
    ...(dashboardJson(spec).panels as Array<{ targets: Array<{ expr: string }> }>).flatMap((p) => p.targets.map((t) => t.expr)),
    ...(buildAgentPrometheusRule(spec) as unknown as { spec: { groups: Array<{ rules: Array<{ expr: string }> }> } }).spec.groups.flatMap((g) => g.rules.map((r) => r.expr)),
    ...Object.values(collectorQueries(spec.namespace, 'nginx', `${COLLECTOR_WINDOW_SECONDS}s`)),
  ];
  let ranges = 0;
  for (const expr of exprs) {
    for (const [, metric, window] of expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{[^}]*\}\[([0-9a-z]+)\]/g)) {
      const scrape = /^(container_|kube_)/.test(metric) ? ADDON_SCRAPE_INTERVAL_SECONDS : SERVICE_MONITOR_INTERVAL_SECONDS;
      assert.ok(seconds(window) >= MIN_SCRAPES_PER_WINDOW * scrape, `${metric}[${window}] in ${expr}`);
      ranges++;
    }
  }
  assert.ok(ranges >= 8, `${ranges} range selectors checked`);
});
