// Benchmark: simulated seconds per wall second of the realistic plant with the upstream-exact HPA (default
// config: 70 % CPU target, 15 s sync period) over a week of 1 s ticks under a daily pattern, best of 3.
// Run through `npm run bench` or alone: `node --import tsx bench/sim-plant.ts`.
import { createHpaAutoscaler } from '../agent/hpa/index.ts';
import type { OpenWorkload } from '../workloads/workload.ts';
import { defaultPlantConfig, maxCapacityRps } from '../sim/config.ts';
import { simulateRun } from '../sim/simulate.ts';

const WEEK_SECONDS = 7 * 24 * 3600;

/** Use from bench/index.ts: the best of three one-week runs, in simulated seconds per wall second. */
export function benchSimPlant(): { simSecondsPerWallSecond: number } {
  const peak = 0.7 * maxCapacityRps(defaultPlantConfig);
  const workload: OpenWorkload = {
    kind: 'open',
    name: 'weekly-daily',
    durationSeconds: WEEK_SECONDS,
    rateAt: (t) => peak * (0.55 + 0.45 * Math.sin((2 * Math.PI * t) / 86400)),
  };
  let best = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    simulateRun({ config: defaultPlantConfig, workload, autoscaler: createHpaAutoscaler(), seed: i + 1 });
    const seconds = (performance.now() - started) / 1000;
    best = Math.max(best, WEEK_SECONDS / seconds);
  }
  return { simSecondsPerWallSecond: Math.round(best) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchSimPlant()));
