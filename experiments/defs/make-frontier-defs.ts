// Writes the tuned-baseline, held-out and ablation experiment files (README-tuning.md) from one grid, so the sweep
// is data with a single source: `node --import tsx experiments/defs/make-frontier-defs.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const digits = (x: number) => (x === 0 ? '0' : String(x).replace('.', '').padEnd(2, '0'));

const hpa = Object.fromEntries([50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150].map((t) => [`hpa-${t}`, { type: 'hpa', targetCpuUtilization: t }]));
const kpa: Record<string, object> = {};
for (const c of [0.3, 0.5, 0.7, 1.0, 1.5]) for (const u of [0.7, 1.0]) kpa[`kpa-c${digits(c)}-u${digits(u)}`] = { type: 'kpa', targetConcurrencyPerPod: c, targetUtilization: u };
const predictive = Object.fromEntries([0, 0.2, 0.4, 0.7, 1.0].map((h) => [`predictive-h${digits(h)}`, { type: 'predictive', headroom: h }]));
const rule = Object.fromEntries(
  [[40, 20], [50, 30], [60, 40], [70, 50], [80, 60], [90, 70]].map(([up, down]) => [`rule-${up}-${down}`, { type: 'rule-based', scaleUpUtilization: up / 100, scaleDownUtilization: down / 100 }]),
);
const families = {
  hpa: { knob: 'targetCpuUtilization', members: hpa, value: (s: Record<string, number>) => s.targetCpuUtilization },
  kpa: { knob: 'targetConcurrencyPerPod×targetUtilization', members: kpa, value: (s: Record<string, number>) => [s.targetConcurrencyPerPod, s.targetUtilization] },
  predictive: { knob: 'headroom', members: predictive, value: (s: Record<string, number>) => s.headroom },
  'rule-based': { knob: 'scaleUpUtilization/scaleDownUtilization', members: rule, value: (s: Record<string, number>) => [s.scaleUpUtilization, s.scaleDownUtilization] },
};
const grid = Object.values(families).flatMap((f) => Object.entries(f.members).map(([name, s]) => ({ name, ...s })));
const agents = [
  { name: 'dqn', type: 'dqn' }, { name: 'ppo', type: 'ppo' }, { name: 'hybrid', type: 'hybrid' }, { name: 'hybrid-constrained', type: 'hybrid-constrained' },
  { name: 'dqn-weak-sla', type: 'dqn', model: '../../models/dqn-weak-sla/model' }, { name: 'dqn-balanced', type: 'dqn', model: '../../models/dqn-balanced/model' },
];
/** Fixed values that replace the hybrid's PPO output in the ablation (its continuous action range is [0, 1.5]). */
export const ABLATION_HEADROOMS = [0, 0.25, 0.5, 0.75, 1, 1.5];

const thesis = ['steady', 'gradual-ramp', 'sudden-spike', 'daily-pattern', 'idle-periods', 'flash-crowd'].map((scenario) => ({
  name: scenario, workload: { type: 'scenario', scenario, baseRps: 100, peakRps: 600, durationSeconds: 3600 },
}));
// Windows: 60-minute windows with no zero minute and the highest peak/mean ratio in each range (README-tuning.md).
const twitter = (minute: number) => ({
  name: `twitter-${minute}`,
  workload: { type: 'trace', name: `twitter-2021-08 minutes ${minute}-${minute + 59}`, file: '../../data/traces/twitter-2021-08.rpm.csv', startSeconds: minute * 60, durationSeconds: 3600, peakRps: 600, spread: 'poisson' },
});
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const plant = { poissonArrivals: true };

const files: Record<string, object> = {
  'tuning.json': {
    name: 'tuning',
    description: 'Tuning seeds and trace windows for the baseline sweeps (README-tuning.md): every family over its knob. The frontier is chosen here and evaluated on heldout.json.',
    seeds: range(101, 5), plant, scenarios: [...thesis, twitter(3900), twitter(1020)], autoscalers: grid,
  },
  'heldout.json': {
    name: 'heldout',
    description: 'Held-out seeds and trace windows (README-tuning.md): the swept baselines and every committed agent. Agents were trained on seeds ≥ 1,000,000 and trace minutes 12,000–21,999 only.',
    seeds: range(201, 5), plant, scenarios: [...thesis, ...[31300, 28360, 31000, 25480].map(twitter)], autoscalers: [...grid, ...agents],
  },
  'ablation.json': {
    name: 'ablation',
    description: 'Does the hybrid\'s PPO matter? DQN alone, the hybrid with PPO replaced by each fixed headroom, the full hybrid, on the held-out seeds and windows.',
    seeds: range(201, 5), plant, scenarios: [...thesis, ...[31300, 28360, 31000, 25480].map(twitter)],
    autoscalers: [
      { name: 'dqn', type: 'dqn' },
      ...ABLATION_HEADROOMS.map((h) => ({ name: `hybrid-fixed-h${digits(h)}`, type: 'hybrid', fixedHeadroom: h })),
      { name: 'hybrid', type: 'hybrid' }, { name: 'hybrid-constrained', type: 'hybrid-constrained' },
    ],
  },
  'heldout-nodes.json': {
    name: 'heldout-nodes',
    description: 'The held-out evaluation on a plant with node capacity: 4 pods per node of 1 CPU (= 4 × the 250m request), 2 nodes at the start, at most 6, 60 s to provision one. Pods burst above their request only into node CPU no pod requested, so a packed node serves half of what the default plant does per pod.',
    seeds: range(201, 5),
    plant: { ...plant, nodes: { podsPerNode: 4, initialNodes: 2, maxNodes: 6, provisioningSeconds: 60, nodeCpuMilli: 1000 } },
    scenarios: [...thesis, ...[31300, 28360, 31000, 25480].map(twitter)], autoscalers: [...grid, ...agents],
  },
  'frontier-families.json': {
    tuningExperiment: 'tuning',
    heldoutExperiment: 'heldout',
    heldoutNodesExperiment: 'heldout-nodes',
    families: Object.fromEntries(Object.entries(families).map(([f, d]) => [f, { knob: d.knob, members: Object.fromEntries(Object.entries(d.members).map(([n, s]) => [n, d.value(s as Record<string, number>)])) }])),
    agents: agents.map((a) => a.name),
    ablation: { experiment: 'ablation', dqnAlone: 'dqn', full: 'hybrid', fixed: Object.fromEntries(ABLATION_HEADROOMS.map((h) => [`hybrid-fixed-h${digits(h)}`, h])) },
  },
};
if (process.argv[1] === import.meta.filename) {
  // Experiment files name their published schema first (`$schema`), as every shipped experiment does.
  for (const [file, body] of Object.entries(files)) {
    const withSchema = 'scenarios' in (body as object) ? { $schema: '../../schemas/experiment.schema.json', ...(body as object) } : body;
    writeFileSync(join(here, file), JSON.stringify(withSchema, null, 2) + '\n');
  }
}
