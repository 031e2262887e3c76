// Measures the committed RL models against HPA-70 on the standard experiment's workloads (experiments/defs/
// standard.json: six thesis scenarios + the Twitter trace, peak 600 req/s, 1 h, Poisson arrivals) with plant
// seeds the agents never trained on, and tests the quality bar with paired comparisons.
// Run: node --import tsx models/compare-standard.ts [--seeds N]   (writes models/standard-comparison.json)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Autoscaler, RunMetrics } from '../lib/ports.ts';
import { createRng } from '../lib/rng.ts';
import { defaultPlantConfig, type PlantConfig } from '../sim/config.ts';
import { simulateRun } from '../sim/simulate.ts';
import { buildWorkload } from '../workloads/index.ts';
import { traceLoader } from '../experiments/load-trace.ts';
import { createHpaAutoscaler } from '../agent/hpa/index.ts';
import { loadRlAutoscaler } from '../agent/rl/load-rl-autoscaler.ts';
import { comparePaired } from '../reports/stats/paired-comparison.ts';
import { mean as ssMean } from 'simple-statistics';

const root = join(import.meta.dirname, '..');
const seedsArg = process.argv.indexOf('--seeds');
const nSeeds = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 10;
const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);
const experiment = JSON.parse(readFileSync(join(root, 'experiments/defs/standard.json'), 'utf8'));
const plant: PlantConfig = { ...defaultPlantConfig, ...experiment.plant };
const loadTrace = traceLoader(join(root, 'experiments/defs'));
const scenarios = (experiment.scenarios as { name: string; workload: unknown }[]).map((s) => ({ name: s.name, spec: s.workload }));
const models = ['dqn', 'ppo', 'hybrid', 'hybrid-constrained', 'dqn-weak-sla', 'dqn-balanced'].filter((m) => existsSync(join(root, 'models', m, 'model', 'provenance.json')));

type Cell = { scenario: string; seed: number; metrics: RunMetrics };
async function runAll(make: () => Promise<Autoscaler>): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const s of scenarios) {
    for (const seed of seeds) {
      const workload = buildWorkload(s.spec, { seed, loadTrace });
      cells.push({ scenario: s.name, seed, metrics: simulateRun({ config: plant, workload, autoscaler: await make(), seed }).metrics });
    }
  }
  return cells;
}

const hpa = await runAll(async () => createHpaAutoscaler({}, 'hpa-70'));
const rows: Record<string, unknown>[] = [];
const mean = (c: Cell[], f: (m: RunMetrics) => number) => ssMean(c.map((x) => f(x.metrics)));
const summary = (name: string, c: Cell[]) => ({
  autoscaler: name, slaViolationRateRequests: mean(c, (m) => m.slaViolationRateRequests), slaViolationRateMinutes: mean(c, (m) => m.slaViolationRateMinutes),
  costUsd: mean(c, (m) => m.costUsd), meanPods: mean(c, (m) => m.meanPods), latencyP95Ms: mean(c, (m) => m.latencyP95Ms), scalingActionsPerHour: mean(c, (m) => m.scalingActionsPerHour),
});
rows.push(summary('hpa-70', hpa));
const comparisons: Record<string, unknown> = {};
for (const m of models) {
  const cells = await runAll(() => loadRlAutoscaler(join(root, 'models', m, 'model'), m));
  rows.push(summary(m, cells));
  const viol = comparePaired(hpa.map((c) => c.metrics.slaViolationRateRequests), cells.map((c) => c.metrics.slaViolationRateRequests), { rng: createRng(1), resamples: 10_000 });
  const cost = comparePaired(hpa.map((c) => c.metrics.costUsd), cells.map((c) => c.metrics.costUsd), { rng: createRng(2), resamples: 10_000 });
  const costChange = cost.meanDifference / cost.baselineMean;
  const violChange = viol.baselineMean > 0 ? viol.meanDifference / viol.baselineMean : 0;
  // Quality bar: (no more violations and ≥ 15 % cheaper) or (no more cost and ≥ 30 % fewer violations), CI excluding 0.
  const barA = viol.ci.high <= 0 && costChange <= -0.15 && cost.ci.high < 0;
  const barB = cost.ci.high <= 0 && violChange <= -0.3 && viol.ci.high < 0;
  comparisons[m] = { violation: viol, cost, costChangeFraction: costChange, violationChangeFraction: violChange, paretoBetterThanHpa70: barA || barB };
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
console.log(`standard workloads × seeds ${seeds[0]}–${seeds.at(-1)} (${hpa.length} paired runs per autoscaler)`);
console.log('autoscaler            viol.req   viol.min   cost $    pods    P95 ms  actions/h');
for (const r of rows as ReturnType<typeof summary>[]) {
  console.log(`${r.autoscaler.padEnd(20)} ${pct(r.slaViolationRateRequests).padStart(9)} ${pct(r.slaViolationRateMinutes).padStart(9)} ${r.costUsd.toFixed(4).padStart(8)} ${r.meanPods.toFixed(2).padStart(7)} ${r.latencyP95Ms.toFixed(0).padStart(8)} ${r.scalingActionsPerHour.toFixed(1).padStart(9)}`);
}
for (const [m, c] of Object.entries(comparisons) as [string, { violation: ReturnType<typeof comparePaired>; cost: ReturnType<typeof comparePaired>; costChangeFraction: number; paretoBetterThanHpa70: boolean }][]) {
  console.log(`${m.padEnd(20)} Δviol ${pct(c.violation.meanDifference)} [${pct(c.violation.ci.low)}, ${pct(c.violation.ci.high)}] p=${c.violation.p.toPrecision(2)}  Δcost ${pct(c.costChangeFraction)} [$${c.cost.ci.low.toFixed(4)}, $${c.cost.ci.high.toFixed(4)}] p=${c.cost.p.toPrecision(2)}  Pareto-better: ${c.paretoBetterThanHpa70 ? 'yes' : 'no'}`);
}
writeFileSync(join(root, 'models', 'standard-comparison.json'), JSON.stringify({ seeds, plant: experiment.plant, summary: rows, comparisons }, null, 2) + '\n');
