// The plant's checks against queueing theory and against the request-level simulation (DESIGN.md §3), as data
// a command can print: each check has an expected value from theory or the DES, the plant's value, a tolerance.
import type { Autoscaler } from '../lib/ports.ts';
import type { ClosedWorkload, OpenWorkload } from '../workloads/workload.ts';
import type { PlantConfig } from './config.ts';
import { defaultPlantConfig, podCapacityRps } from './config.ts';
import { sampleQuantile, simulateRequests } from './des.ts';
import { createPlant } from './plant.ts';
import { simulateRun } from './simulate.ts';

/** One comparison; `pass` = |measured − expected| ≤ tolerance × |expected|. */
export interface ValidationCheck {
  name: string;
  expected: number;
  measured: number;
  /** Relative tolerance, fraction. */
  tolerance: number;
  pass: boolean;
}

/** Textbook Erlang C: (a^c/c!)·c/(c−a) / (Σ_{k<c} a^k/k! + (a^c/c!)·c/(c−a)); independent of sim/queueing.ts. */
export function erlangCTextbook(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

function check(name: string, expected: number, measured: number, tolerance: number): ValidationCheck {
  return { name, expected, measured, tolerance, pass: Math.abs(measured - expected) <= tolerance * Math.abs(expected) };
}

const constant = (rps: number, durationSeconds: number): OpenWorkload => ({ kind: 'open', name: `constant-${rps}`, durationSeconds, rateAt: () => rps });

/** Plant at constant load on c pods: utilization = λ/(cμ) and mean wait = Erlang C / (cμ − λ). */
export function erlangChecks(c: number, rho: number, config: PlantConfig = defaultPlantConfig): ValidationCheck[] {
  const mu = podCapacityRps(config);
  const lambda = rho * c * mu;
  const plant = createPlant({ ...config, initialReplicas: c }, constant(lambda, 300), 1);
  let stats = plant.step();
  for (let i = 1; i < 120; i++) stats = plant.step();
  const busy = stats.readyCpuUsedCoreSeconds / ((c * config.cpuLimitMilli) / 1000) / stats.durationSeconds;
  const waitMs = (erlangCTextbook(c, lambda / mu) / (c * mu - lambda)) * 1000;
  return [
    check(`utilization = λ/(cμ), c=${c} ρ=${rho}`, rho, busy, 0.05),
    check(`mean wait = Erlang C, c=${c} ρ=${rho} (ms)`, waitMs, stats.waitMeanMs, 0.05),
  ];
}

/** Overload on 4 pods: the backlog grows at λ − cμ, then drains at cμ − λ (queue bound and timeout out of the way). */
export function overloadChecks(config: PlantConfig = defaultPlantConfig): ValidationCheck[] {
  const mu = podCapacityRps(config);
  const c = 4;
  const high = 1.25 * c * mu;
  const low = 0.75 * c * mu;
  const wide = { ...config, initialReplicas: c, queueCapacityPerPod: 1e9, requestTimeoutSeconds: 1e6 };
  const plant = createPlant(wide, { kind: 'open', name: 'overload', durationSeconds: 200, rateAt: (t) => (t < 60 ? high : low) }, 1);
  const backlogAt: number[] = [];
  for (let i = 0; i < 150; i++) backlogAt.push(plant.step().queueLength);
  const growth = (backlogAt[49] - backlogAt[9]) / 40;
  const drain = (backlogAt[69] - backlogAt[109]) / 40;
  return [
    check('overload backlog grows at λ − cμ (req/s)', high - c * mu, growth, 0.05),
    check('backlog drains at cμ − λ (req/s)', c * mu - low, drain, 0.05),
  ];
}

/** Closed load: throughput = VUs / (think + response), and its light- and heavy-load asymptotes. */
export function closedLoadChecks(config: PlantConfig = defaultPlantConfig): ValidationCheck[] {
  const mu = podCapacityRps(config);
  const c = 4;
  const out: ValidationCheck[] = [];
  for (const [label, vus] of [['light', 40], ['medium', 380], ['heavy', 3000]] as const) {
    const workload: ClosedWorkload = { kind: 'closed', name: `vus-${vus}`, durationSeconds: 300, vusAt: () => vus, thinkTimeSeconds: 1 };
    // The heavy case is the textbook closed queue: no queue bound, no timeout.
    const unbounded = label === 'heavy' ? { queueCapacityPerPod: 1e9, requestTimeoutSeconds: 1e6 } : {};
    const plant = createPlant({ ...config, initialReplicas: c, ...unbounded }, workload, 1);
    let served = 0;
    let responseMsSum = 0;
    for (let i = 0; i < 300; i++) {
      const s = plant.step();
      if (i >= 200) {
        served += s.servedRequests;
        responseMsSum += s.latencyMeanMs;
      }
    }
    const throughput = served / 100;
    const responseSeconds = responseMsSum / 100 / 1000;
    out.push(check(`closed ${vus} VUs: X = N/(Z+R) (req/s)`, vus / (workload.thinkTimeSeconds + responseSeconds), throughput, 0.05));
    if (label === 'light') out.push(check(`closed ${vus} VUs: X ≈ N/(Z+base)`, vus / (1 + config.baseServiceTimeMs / 1000), throughput, 0.05));
    if (label === 'heavy') out.push(check(`closed ${vus} VUs: X → cμ`, c * mu, throughput, 0.05));
  }
  return out;
}

/** The spike scenario shared by the test and the command: 300 → 900 req/s for 10 minutes, scaled 5 → 12 late. */
export function spikeScenario(): { workload: OpenWorkload; autoscaler: Autoscaler; config: PlantConfig } {
  const workload: OpenWorkload = {
    kind: 'open', name: 'spike', durationSeconds: 1200, rateAt: (t) => (t >= 300 && t < 900 ? 900 : 300),
  };
  const autoscaler: Autoscaler = {
    name: 'fixed-schedule',
    periodSeconds: 15,
    decide: (o) => ({ replicas: o.nowSeconds >= 420 && o.nowSeconds < 960 ? 12 : 5, reason: 'Schedule' }),
  };
  return { workload, autoscaler, config: { ...defaultPlantConfig, initialReplicas: 5 } };
}

/** Plant vs request-level DES on the spike scenario with scaling: P95 (checked), P50 and P99 (reported). */
export function desSpikeChecks(seed = 7): ValidationCheck[] {
  const { workload, autoscaler, config } = spikeScenario();
  const ready: number[] = [];
  const run = simulateRun({ config, workload, autoscaler, seed, onTick: (s) => ready.push(s.readyPods) });
  const des = simulateRequests({ config, arrivalRateAt: workload.rateAt, readyPodsPerTick: ready, seed });
  return [
    check('spike with scaling: plant P95 vs DES P95 (ms)', sampleQuantile(des.latenciesMs, 0.95), run.metrics.latencyP95Ms, 0.1),
    check('spike with scaling: plant P50 vs DES P50 (ms)', sampleQuantile(des.latenciesMs, 0.5), run.metrics.latencyP50Ms, 0.1),
    check('spike with scaling: plant P99 vs DES P99 (ms)', sampleQuantile(des.latenciesMs, 0.99), run.metrics.latencyP99Ms, 0.1),
  ];
}

/** DES at constant load vs Erlang C: validates the request-level simulation itself. */
export function desErlangCheck(c: number, rho: number, seconds: number, config: PlantConfig = defaultPlantConfig): ValidationCheck {
  const mu = podCapacityRps(config);
  const lambda = rho * c * mu;
  const des = simulateRequests({ config, arrivalRateAt: () => lambda, readyPodsPerTick: new Array(seconds).fill(c), seed: 11 });
  const waitMs = (erlangCTextbook(c, lambda / mu) / (c * mu - lambda)) * 1000;
  return check(`DES mean wait = Erlang C, c=${c} ρ=${rho} (ms)`, waitMs, des.waitMeanMs, 0.05);
}

/** Every check of `scalelab sim validate`, grouped so a caller can show progress between groups. */
export function validationSuite(): { name: string; run: () => ValidationCheck[] }[] {
  const groups: { name: string; run: () => ValidationCheck[] }[] = [];
  for (const c of [1, 4, 16]) for (const rho of [0.5, 0.8, 0.95]) groups.push({ name: `erlang c=${c} ρ=${rho}`, run: () => erlangChecks(c, rho) });
  groups.push({ name: 'overload', run: () => overloadChecks() });
  groups.push({ name: 'closed load', run: () => closedLoadChecks() });
  groups.push({ name: 'DES vs Erlang C', run: () => [desErlangCheck(1, 0.5, 2000), desErlangCheck(4, 0.8, 2000), desErlangCheck(16, 0.8, 600)] });
  groups.push({ name: 'DES vs plant (spike)', run: () => desSpikeChecks() });
  return groups;
}
