// The federated comparison of docs/sim-to-real.md ("Federated training", issue 12): local-only, FedAvg and
// centralised DQN trained on the same three plants with the same env steps per plant and the same code (the
// federated loop of agent/rl/federated/; local-only and centralised are that loop with one client), evaluated
// greedily with the existing evaluator on every training plant and on a held-out plant, with HPA-70 on the same
// episodes for reference. Mean and 95 % percentile-bootstrap CI over evaluation seeds; paired differences by seed.
// Writes <out>/federated.json, federated.md, federated.svg (the chart) and the federated model folder <out>/models/federated/;
// `--render-only` redraws the .md and .svg from an existing federated.json.
// Run: nice -n 10 node --import tsx models/federated-comparison.ts [--rounds 15] [--local-steps 1200] [--eval-episodes 24] [--seed 1] [--out DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createHpaAutoscaler } from '../agent/hpa/index.ts';
import { createScalingEnv, type EnvConfig } from '../agent/rl/env.ts';
import { evaluateOnEpisodes, type EvaluationSummary } from '../agent/rl/evaluate.ts';
import { CLIENT_ID_LIMIT, createMixedPlantEnv, runFederateSession, trainFederatedDqn, type ClientPlant } from '../agent/rl/federated/index.ts';
import { loadAgentFiles } from '../agent/rl/model-files.ts';
import { createRlAutoscaler } from '../agent/rl/rl-autoscaler.ts';
import { initTf } from '../agent/rl/tf.ts';
import { repoTraceLoader } from '../agent/rl/trace-files.ts';
import { parseTrainConfig } from '../agent/rl/train-config.ts';
import { envConfigFor } from '../agent/rl/train-session.ts';
import { loadPlantFiles } from '../cli/commands/federate.ts';
import type { Autoscaler } from '../lib/ports.ts';
import { createRng } from '../lib/rng.ts';
import { REPORTS_OUT_DIR } from '../lib/paths.ts';
import { bootstrapCi, type ConfidenceInterval } from '../reports/stats/bootstrap.ts';
import { mean } from '../reports/stats/descriptive.ts';
import { renderFederatedMarkdown } from './federated-comparison-md.ts';
import { federatedChartSvg } from './federated-comparison-chart.ts';

const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const rounds = Number(arg('rounds', '15'));
const localSteps = Number(arg('local-steps', '1200'));
const evalEpisodes = Number(arg('eval-episodes', '24'));
const seed = Number(arg('seed', '1'));
const out = resolve(arg('out', join(REPORTS_OUT_DIR, 'sim-to-real', 'federated')));
const here = import.meta.dirname;
const files = (names: string[]) => names.map((n) => join('models', 'configs', 'federated', `plant-${n}.json`)).join(',');
const configFile = join('models', 'configs', 'federated', 'dqn.json');

/** federated.md and federated.svg from a comparison's federated.json. */
async function render(result: Parameters<typeof renderFederatedMarkdown>[0]): Promise<void> {
  writeFileSync(join(out, 'federated.md'), renderFederatedMarkdown(result));
  writeFileSync(join(out, 'federated.svg'), await federatedChartSvg(result.cells, result.plants.map((p) => p.name)));
  process.stderr.write(`wrote ${join(out, 'federated.md')} and federated.svg\n`);
}
if (process.argv.includes('--render-only')) {
  await render(JSON.parse(readFileSync(join(out, 'federated.json'), 'utf8')));
  process.exit(0);
}

process.chdir(join(here, '..')); // plant files are named relative to the repository, as in provenance
const backend = await initTf();
const config = { ...parseTrainConfig(JSON.parse(readFileSync(configFile, 'utf8'))), evalEpisodes: 0 };
const train: ClientPlant[] = loadPlantFiles(files(['light', 'medium', 'heavy']), config);
const heldout: ClientPlant[] = loadPlantFiles(files(['heldout']), config);
const names = ['light', 'medium', 'heavy'];
const base: EnvConfig = envConfigFor('dqn', config);
const envOf = (p: ClientPlant) => createScalingEnv({ ...base, plant: p.plant }, { loadTrace: repoTraceLoader });
const timings: Record<string, number> = {};
const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  timings[name] = Math.round((performance.now() - t0) / 1000);
  process.stderr.write(`${name}: ${timings[name]} s\n`);
  return r;
};

// ---- training: the same env steps per plant (R·K) for every method
const nets: Record<string, LayersModel> = {};
const fed = await timed('federated', () => runFederateSession({ plants: train, rounds, localSteps, participation: 1, seed, outDir: join(out, 'models', 'federated'), config }));
nets.federated = (await loadAgentFiles(fed.modelDir, ['q'], envOf(train[0]).observationSize)).networks.q; // the saved folder, reloaded
nets.centralised = (await timed('centralised', () => trainFederatedDqn({ envs: [createMixedPlantEnv(train.map(envOf))], clientIds: [CLIENT_ID_LIMIT - 1], config: config.dqn, rounds, localSteps: localSteps * train.length, participation: 1, seed }))).global;
for (const [i, p] of train.entries()) {
  nets[`local:${names[i]}`] = (await timed(`local:${names[i]}`, () => trainFederatedDqn({ envs: [envOf(p)], clientIds: [i], config: config.dqn, rounds, localSteps, participation: 1, seed }))).global;
}

// ---- evaluation: every model and HPA-70 on the same evaluation episodes of every plant
const plants = [...train.map((p, i) => ({ name: names[i], p })), { name: 'heldout', p: heldout[0] }];
const makers: Record<string, () => Autoscaler> = { 'hpa-70': () => createHpaAutoscaler({}, 'hpa-70') };
for (const [name, net] of Object.entries(nets)) {
  makers[name] = () => createRlAutoscaler({ agent: 'dqn', actionSet: base.actionSet, observation: base.observation, slaLatencyMs: base.plant.slaLatencyMs, periodSeconds: base.decisionPeriodSeconds, actionNetwork: net }, name);
}
const summaries: Record<string, Record<string, EvaluationSummary>> = {};
await timed('evaluation', async () => {
  for (const [method, make] of Object.entries(makers)) {
    summaries[method] = {};
    for (const { name, p } of plants) summaries[method][name] = evaluateOnEpisodes(make, evalEpisodes, base.episodes, p.plant, repoTraceLoader);
  }
});

// ---- statistics: mean with 95 % bootstrap CI per cell; paired (same seeds) differences of federated vs the others
const rng = createRng(seed * 7 + 12);
const ci = (xs: number[]): ConfidenceInterval => bootstrapCi(xs, mean, { rng, resamples: 5000, confidence: 0.95 });
type PerEpisode = EvaluationSummary['perEpisode'];
const stat = (rows: PerEpisode) => ({ slaViolationRateRequests: ci(rows.map((e) => e.slaViolationRateRequests)), costUsd: ci(rows.map((e) => e.costUsd)) });
const cells = Object.entries(summaries).flatMap(([method, byPlant]) => Object.entries(byPlant).map(([plant, s]) => ({ method, plant, meanPods: s.meanPods, ...stat(s.perEpisode) })));
const localOf = (plant: string) => (plant === 'heldout' ? null : `local:${plant}`);
// Federated − other, per evaluation seed (the same episodes), then the CI of the mean difference.
const minus = (a: PerEpisode, b: PerEpisode): PerEpisode => a.map((x, i) => ({ ...x, slaViolationRateRequests: x.slaViolationRateRequests - b[i].slaViolationRateRequests, costUsd: x.costUsd - b[i].costUsd }));
const paired = plants.flatMap(({ name }) => ['centralised', localOf(name), 'hpa-70'].filter((m): m is string => m !== null)
  .map((other) => ({ plant: name, other, ...stat(minus(summaries.federated[name].perEpisode, summaries[other][name].perEpisode)) })));
const result = {
  schema: 'scalelab.federated-comparison/v1',
  command: `nice -n 10 node --import tsx models/federated-comparison.ts --rounds ${rounds} --local-steps ${localSteps} --eval-episodes ${evalEpisodes} --seed ${seed}`,
  backend, seed, rounds, localSteps, participation: 1, evalEpisodes, configFile,
  stepsPerPlant: rounds * localSteps, stepsPerMethod: rounds * localSteps * train.length,
  plants: plants.map(({ name, p }) => ({ name, file: p.file, overrides: p.overrides })),
  timingsSeconds: timings, cells, paired,
  federatedProvenance: JSON.parse(readFileSync(join(fed.modelDir, 'provenance.json'), 'utf8')).extra,
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'federated.json'), JSON.stringify(result, null, 2) + '\n');
await render(result);
