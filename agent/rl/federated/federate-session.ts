// One `scalelab federate` run (file adapter): one scaling environment per plant file, FedAvg of DQN over them, a
// greedy evaluation of the global model on every plant (HPA-70 on the same episodes for reference), and the model
// folder `scalelab train` writes (model-files.ts: q/ + provenance.json with SHA-256), so `scalelab run` with an
// `rl` autoscaler, the evaluator and the controller load it like any trained DQN. Provenance lists the plants,
// rounds, local steps, participation and seed. One line per round goes to federate-log.jsonl.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHpaAutoscaler } from '../../hpa/index.ts';
import type { PlantConfig } from '../../../sim/config.ts';
import { createScalingEnv } from '../env.ts';
import { evaluateOnEpisodes, type EvaluationSummary } from '../evaluate.ts';
import { codeVersion, saveAgentFiles, type Provenance } from '../model-files.ts';
import { createRlAutoscaler } from '../rl-autoscaler.ts';
import { initTf } from '../tf.ts';
import { repoTraceLoader } from '../trace-files.ts';
import type { TrainConfig } from '../train-config.ts';
import { envConfigFor } from '../train-session.ts';
import { trainFederatedDqn, type FederatedRoundLog } from './federated-dqn.ts';
import { participantCount } from './fedavg.ts';
import { PlantFileError } from './plant-file.ts';

/** A client's plant: the file it came from, its overrides and the complete plant. */
export interface ClientPlant {
  file: string;
  overrides: Partial<PlantConfig>;
  plant: PlantConfig;
}

/** What stays on a client between rounds (written into provenance so a reader knows the protocol). */
export const CLIENT_STATE_RULE =
  'only the Q network weights cross (server → client at the round start, client → server at its end, averaged by env steps); ' +
  'each client keeps its replay buffer, Adam moments and step/episode counters across rounds; its target network is reset to the global weights at each round start; ' +
  'a round starts a new episode (the last one of the previous round is truncated)';

export interface FederateSessionOptions {
  plants: ClientPlant[];
  rounds: number;
  localSteps: number;
  participation: number;
  seed: number;
  /** Output folder: `model/` and `federate-log.jsonl`. */
  outDir: string;
  config: TrainConfig;
  onRound?: (log: FederatedRoundLog) => void;
}

export interface FederateSessionResult {
  modelDir: string;
  totalSamples: number;
  /** Per plant file: the global model and HPA-70 on the same evaluation episodes (empty when evalEpisodes = 0). */
  evaluation: { file: string; agent: EvaluationSummary; hpa70: EvaluationSummary }[];
}

/** Use from the CLI: trains the global DQN by FedAvg over the plants and writes its model folder. */
export async function runFederateSession(o: FederateSessionOptions): Promise<FederateSessionResult> {
  const sla = o.plants[0].plant.slaLatencyMs;
  for (const p of o.plants) {
    if (p.plant.slaLatencyMs !== sla) throw new PlantFileError(p.file, 'slaLatencyMs', `= ${p.plant.slaLatencyMs} differs from ${o.plants[0].file}'s ${sla}: the clients must share one SLA (it is the reward's objective, not a plant property)`);
  }
  if (o.config.dqn.numEnvs !== 1) throw new PlantFileError('(training config)', 'config.dqn.numEnvs', `= ${o.config.dqn.numEnvs}, expected 1 (each federated client trains on one environment)`);
  const backend = await initTf();
  const base = envConfigFor('dqn', o.config);
  const envConfigs = o.plants.map((p) => ({ ...base, plant: p.plant }));
  const envs = envConfigs.map((c) => createScalingEnv(c, { loadTrace: repoTraceLoader }));
  const version = codeVersion();
  mkdirSync(o.outDir, { recursive: true });
  const logPath = join(o.outDir, 'federate-log.jsonl');
  writeFileSync(logPath, '');
  const result = await trainFederatedDqn({
    envs, config: o.config.dqn, rounds: o.rounds, localSteps: o.localSteps, participation: o.participation, seed: o.seed,
    onRound(log) {
      appendFileSync(logPath, JSON.stringify({ ...log, plants: log.clients.map((c) => o.plants[c].file) }) + '\n');
      o.onRound?.(log);
    },
  });

  // ---- greedy evaluation of the global model on every client's plant
  const evaluation: FederateSessionResult['evaluation'] = [];
  if (o.config.evalEpisodes > 0) {
    for (const [i, p] of o.plants.entries()) {
      const c = envConfigs[i];
      const make = () => createRlAutoscaler({ agent: 'dqn', actionSet: c.actionSet, observation: c.observation, slaLatencyMs: sla, periodSeconds: c.decisionPeriodSeconds, actionNetwork: result.global });
      evaluation.push({
        file: p.file,
        agent: evaluateOnEpisodes(make, o.config.evalEpisodes, c.episodes, p.plant, repoTraceLoader),
        hpa70: evaluateOnEpisodes(() => createHpaAutoscaler({}, 'hpa-70'), o.config.evalEpisodes, c.episodes, p.plant, repoTraceLoader),
      });
    }
  }

  const modelDir = join(o.outDir, 'model');
  const provenance: Provenance = {
    schema: 'scalelab.rl-model/v1', agent: 'dqn', observationSize: envs[0].observationSize, actionNames: envs[0].actions.map((a) => a.name),
    seed: o.seed, steps: result.totalSamples,
    // The base environment (the plant before the files' overrides); the deployed policy reads observation, actions and SLA from it.
    config: { agent: 'dqn', env: base, rewardVariant: o.config.rewardVariant, dqn: o.config.dqn } as unknown as Record<string, unknown>,
    codeVersion: version, backend,
    evaluation: evaluation.length ? { perPlant: evaluation } : undefined,
    extra: {
      federated: {
        algorithm: 'FedAvg (McMahan et al. 2017), weights averaged by env steps',
        plants: o.plants.map((p) => ({ file: p.file, overrides: p.overrides })),
        rounds: o.rounds, localSteps: o.localSteps, participation: o.participation,
        participantsPerRound: participantCount(o.plants.length, o.participation),
        seed: o.seed, clientState: CLIENT_STATE_RULE,
      },
    },
    resumedFromSteps: [],
  };
  await saveAgentFiles(modelDir, { q: result.global }, provenance);
  result.global.dispose();
  return { modelDir, totalSamples: result.totalSamples, evaluation };
}
