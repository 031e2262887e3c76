// Does the hybrid's PPO choose its headroom from the state? Runs the committed hybrids greedily on the held-out
// scenarios (experiments/defs/ablation.json, seeds 201–205) and reports the spread of the headroom they pick:
// SD within runs, SD of the run means, and the range. A constant policy shows SD 0.
// Run: node --import tsx models/headroom-spread.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPlantConfig } from '../sim/config.ts';
import { simulateRun } from '../sim/simulate.ts';
import { buildWorkload } from '../workloads/index.ts';
import { traceLoader } from '../experiments/load-trace.ts';
import { loadRlAutoscaler } from '../agent/rl/load-rl-autoscaler.ts';

const root = join(import.meta.dirname, '..');
const experiment = JSON.parse(readFileSync(join(root, 'experiments/defs/ablation.json'), 'utf8'));
const loadTrace = traceLoader(join(root, 'experiments/defs'));
const sd = (x: number[]) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length);
};
for (const model of ['hybrid', 'hybrid-constrained']) {
  const all: number[] = [];
  const within: number[] = [];
  const means: number[] = [];
  for (const s of experiment.scenarios as { name: string; workload: unknown }[]) {
    for (const seed of experiment.seeds as number[]) {
      const picks: number[] = [];
      const autoscaler = await loadRlAutoscaler(join(root, 'models', model, 'model'), model, undefined, { onHeadroom: (h) => picks.push(h) });
      simulateRun({ config: { ...defaultPlantConfig, ...experiment.plant }, workload: buildWorkload(s.workload, { seed, loadTrace }), autoscaler, seed });
      all.push(...picks);
      within.push(sd(picks));
      means.push(picks.reduce((a, b) => a + b, 0) / picks.length);
    }
  }
  const f = (x: number) => x.toFixed(3);
  console.log(`${model}: ${all.length} choices, headroom min ${f(Math.min(...all))} max ${f(Math.max(...all))}, mean SD within a run ${f(within.reduce((a, b) => a + b, 0) / within.length)}, SD of run means ${f(sd(means))}`);
}
