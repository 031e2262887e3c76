// The agents' held-out numbers for models/README.md (issue 8 items 3–5): the hybrid ablation table and, per agent,
// its margin against every tuned baseline family's frontier. Reads the records of
// `scalelab run experiments/defs/{tuning,heldout,ablation}.json` (default reports/out/<name>/records.jsonl) and
// writes models/heldout-evaluation.json. The report's frontier section (reports/) is the official rendering; this
// is the same rule (experiments/defs/README-tuning.md) for the model notes.
// Run: node --import tsx models/evaluate-heldout.ts [--out-dir reports/out]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../lib/ports.ts';
import { createRng } from '../lib/rng.ts';
import { readRunRecords } from '../experiments/records-file.ts';
import { comparePaired } from '../reports/stats/paired-comparison.ts';
import { bootstrapCi } from '../reports/stats/bootstrap.ts';

const root = join(import.meta.dirname, '..');
const dirArg = process.argv.indexOf('--out-dir');
const outDir = dirArg > 0 ? process.argv[dirArg + 1] : join(root, 'reports', 'out');
const families = JSON.parse(readFileSync(join(root, 'experiments', 'defs', 'frontier-families.json'), 'utf8')) as {
  families: Record<string, { members: Record<string, unknown> }>; agents: string[]; ablation: { fixed: Record<string, number> };
};

type Cells = Map<string, RunRecord>; // key scenario/seed
function byAutoscaler(records: RunRecord[]): Map<string, Cells> {
  const m = new Map<string, Cells>();
  for (const r of records) {
    if (!m.has(r.autoscaler)) m.set(r.autoscaler, new Map());
    m.get(r.autoscaler)!.set(`${r.scenario}/${r.seed}`, r);
  }
  return m;
}
const read = (name: string) => (existsSync(join(outDir, name, 'records.jsonl')) ? byAutoscaler(readRunRecords(join(outDir, name, 'records.jsonl'))) : null);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const viol = (r: RunRecord) => r.metrics.slaViolationRateRequests;
const cost = (r: RunRecord) => r.metrics.costUsd;

/** Members of a family on the lower convex hull of (violation, cost) over the given cells (sorted by violation). */
export function lowerHull(points: { name: string; v: number; c: number }[]): { name: string; v: number; c: number }[] {
  const p = [...points].sort((a, b) => a.v - b.v || a.c - b.c);
  const hull: typeof p = [];
  for (const q of p) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]];
      if ((b.v - a.v) * (q.c - a.c) - (b.c - a.c) * (q.v - a.v) <= 0) hull.pop();
      else break;
    }
    hull.push(q);
  }
  // Keep the decreasing part: beyond the cheapest point more violations never buy a lower cost.
  const cheapest = hull.reduce((i, h, k) => (h.c < hull[i].c ? k : i), 0);
  return hull.slice(0, cheapest + 1);
}

/** The frontier's cost at violation rate v: linear between hull points; clamped to the end points outside. */
export function frontierCost(hull: { v: number; c: number }[], v: number): number {
  if (v <= hull[0].v) return hull[0].c;
  for (let i = 1; i < hull.length; i++) if (v <= hull[i].v) return hull[i - 1].c + ((hull[i].c - hull[i - 1].c) * (v - hull[i - 1].v)) / (hull[i].v - hull[i - 1].v);
  return hull[hull.length - 1].c;
}

const result: Record<string, unknown> = {};
const tuning = read('tuning');
const heldout = read('heldout');
if (tuning && heldout) {
  const margins: Record<string, Record<string, unknown>> = {};
  const keys = [...heldout.get(families.agents[0])!.keys()];
  const rng = createRng(8);
  for (const [family, f] of Object.entries(families.families)) {
    const tuned = Object.keys(f.members).map((name) => {
      const cells = [...tuning.get(name)!.values()];
      return { name, v: mean(cells.map(viol)), c: mean(cells.map(cost)) };
    });
    const chosen = lowerHull(tuned).map((h) => h.name);
    for (const agent of families.agents) {
      const a = heldout.get(agent);
      if (!a) continue;
      const margin = (sample: string[]) => {
        const hull = chosen.map((name) => ({ v: mean(sample.map((k) => viol(heldout.get(name)!.get(k)!))), c: mean(sample.map((k) => cost(heldout.get(name)!.get(k)!))) })).sort((x, y) => x.v - y.v);
        const fc = frontierCost(hull, mean(sample.map((k) => viol(a.get(k)!))));
        return (fc - mean(sample.map((k) => cost(a.get(k)!)))) / fc;
      };
      const estimate = margin(keys);
      const boot: number[] = [];
      for (let r = 0; r < 2000; r++) boot.push(margin(keys.map(() => keys[Math.floor(rng.next() * keys.length)])));
      boot.sort((x, y) => x - y);
      (margins[agent] ??= {})[family] = { frontierMembers: chosen, cheaperFraction: estimate, ci: [boot[49], boot[1949]] };
    }
  }
  result.frontierMargins = margins;
  // The constraint on evaluation: share of minutes whose P95 exceeds the SLA (the per-minute form of the training
  // budget "violating windows ≤ δ"), mean over held-out cells with a percentile-bootstrap CI.
  const delta = 0.02;
  result.constraint = Object.fromEntries(['hybrid', 'hybrid-constrained'].filter((a) => heldout.has(a)).map((a) => {
    const minutes = [...heldout.get(a)!.values()].map((r) => r.metrics.slaViolationRateMinutes);
    const ci = bootstrapCi(minutes, mean, { rng: createRng(5), resamples: 5000 });
    return [a, { delta, violatingMinutes: mean(minutes), ci, holds: ci.high <= delta }];
  }));
  result.agentsHeldout = Object.fromEntries(families.agents.filter((a) => heldout.has(a)).map((a) => [a, { violation: mean([...heldout.get(a)!.values()].map(viol)), costUsd: mean([...heldout.get(a)!.values()].map(cost)) }]));
}
const ablation = read('ablation');
if (ablation) {
  const keys = [...ablation.get('hybrid')!.keys()];
  const full = keys.map((k) => ablation.get('hybrid')!.get(k)!);
  result.ablation = [...ablation.keys()].map((name) => {
    const cells = keys.map((k) => ablation.get(name)!.get(k)!);
    const dv = comparePaired(full.map(viol), cells.map(viol), { rng: createRng(3), resamples: 5000 });
    const dc = comparePaired(full.map(cost), cells.map(cost), { rng: createRng(4), resamples: 5000 });
    return {
      autoscaler: name, fixedHeadroom: families.ablation.fixed[name] ?? null, violation: mean(cells.map(viol)), costUsd: mean(cells.map(cost)),
      meanPods: mean(cells.map((r) => r.metrics.meanPods)), vsFullHybrid: { violationDiff: dv.meanDifference, violationCi: dv.ci, costDiff: dc.meanDifference, costCi: dc.ci },
    };
  });
}
writeFileSync(join(root, 'models', 'heldout-evaluation.json'), JSON.stringify(result, null, 2) + '\n');
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
if (result.ablation) {
  console.log('| autoscaler | SLA-violating requests | cost $ | mean pods | Δ violations vs hybrid [95 % CI] | Δ cost vs hybrid [95 % CI] |\n|---|---|---|---|---|---|');
  for (const r of result.ablation as { autoscaler: string; violation: number; costUsd: number; meanPods: number; vsFullHybrid: { violationDiff: number; violationCi: { low: number; high: number }; costDiff: number; costCi: { low: number; high: number } } }[]) {
    const d = r.vsFullHybrid;
    console.log(`| ${r.autoscaler} | ${pct(r.violation)} | ${r.costUsd.toFixed(4)} | ${r.meanPods.toFixed(2)} | ${(d.violationDiff * 100).toFixed(2)} pp [${(d.violationCi.low * 100).toFixed(2)}, ${(d.violationCi.high * 100).toFixed(2)}] | ${d.costDiff.toFixed(4)} [${d.costCi.low.toFixed(4)}, ${d.costCi.high.toFixed(4)}] |`);
  }
}
if (result.constraint) console.log('\nconstraint on held-out cells:', JSON.stringify(result.constraint));
if (result.agentsHeldout) console.log('agents held-out:', JSON.stringify(result.agentsHeldout));
if (result.frontierMargins) {
  console.log('\n| agent | ' + Object.keys(families.families).join(' | ') + ' |\n|---|' + Object.keys(families.families).map(() => '---').join('|') + '|');
  for (const [agent, m] of Object.entries(result.frontierMargins as Record<string, Record<string, { cheaperFraction: number; ci: number[] }>>)) {
    console.log(`| ${agent} | ` + Object.values(m).map((x) => `${pct(x.cheaperFraction)} [${pct(x.ci[0])}, ${pct(x.ci[1])}]`).join(' | ') + ' |');
  }
}
