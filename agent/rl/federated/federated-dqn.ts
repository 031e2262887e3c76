// FedAvg of DQN over clients that each train on their own environment (McMahan et al. 2017, Algorithm 1, with DQN
// as the local learner). Per round: the server draws the participating clients (seeded), each starts from the
// global weights and trains K local env steps on its own plant, and the server replaces the global weights with
// the sample-weighted mean of what came back. Only weights cross; the replay buffer, Adam's moments and the
// target network stay on the client (the target is reset to the global weights when a round starts), and each
// client's episode counter and step counter continue across the rounds it takes part in.
//
// Every local training depends only on (global weights, the client's own state, seed, client id, round), so the
// clients of a round may run in any order or in parallel processes (one Indexed Job pod each) with the same bytes.
// Local-only and centralised training are this loop with one client: its own plant, or all plants mixed.
import { createRng } from '../../../lib/rng.ts';
import type { DiscreteEnv } from '../discrete-env.ts';
import type { DqnConfig } from '../dqn.ts';
import { trainingEpisodeSeed } from '../episode-sampler.ts';
import { buildMlp } from '../mlp.ts';
import { linearSchedule } from '../schedules.ts';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createDqnClient, trainDqnClientRound, type DqnClient } from './dqn-client.ts';
import { fedAvg, sampleClients } from './fedavg.ts';
import { readNetworkWeights, writeNetworkWeights } from './network-weights.ts';

/** Clients' stream ids are below this (their episode seeds derive from seed·CLIENT_ID_LIMIT + id). */
export const CLIENT_ID_LIMIT = 1000;

/** One round's log line. */
export interface FederatedRoundLog {
  round: number;
  /** Participating clients (indices into the client list), ascending. */
  clients: number[];
  /** n_k per participating client, env steps. */
  samples: number[];
  /** Mean return of the episodes each participant finished this round (null: none finished). */
  meanEpisodeReward: (number | null)[];
  meanLoss: (number | null)[];
  /** ε at the round's first local step. */
  epsilon: number;
}

/** Options of trainFederatedDqn. */
export interface FederatedDqnOptions {
  /** One environment per client (its plant). */
  envs: readonly DiscreteEnv[];
  /** Stream ids of the clients (default 0, 1, …): a client with the same id sees the same episode seeds. */
  clientIds?: readonly number[];
  config: DqnConfig;
  /** R, communication rounds. */
  rounds: number;
  /** K, local env steps per participating client per round. */
  localSteps: number;
  /** C, fraction of clients per round, (0, 1]. */
  participation: number;
  seed: number;
  onRound?: (log: FederatedRoundLog) => void | Promise<void>;
}

/** The result: the global Q network (the model) and the rounds' logs. */
export interface FederatedDqnResult {
  global: LayersModel;
  history: FederatedRoundLog[];
  /** Env steps over all clients and rounds. */
  totalSamples: number;
}

/** The seed of client `id`'s e-th training episode under run seed `seed` (training-seed range, disjoint from evaluation). */
export function clientEpisodeSeed(seed: number, id: number, episode: number): number {
  return trainingEpisodeSeed(seed * CLIENT_ID_LIMIT + id, episode);
}

/** Use to train DQN by FedAvg; same envs, options and seed → byte-identical global weights. */
export async function trainFederatedDqn(o: FederatedDqnOptions): Promise<FederatedDqnResult> {
  const ids = o.clientIds ?? o.envs.map((_, i) => i);
  if (ids.length !== o.envs.length || ids.some((id) => !Number.isInteger(id) || id < 0 || id >= CLIENT_ID_LIMIT)) {
    throw new RangeError(`clientIds = [${ids.join(', ')}]: expected one whole number in [0, ${CLIENT_ID_LIMIT}) per environment`);
  }
  const d = o.envs[0].observationSize;
  const actions = o.envs[0].actionCount;
  if (o.envs.some((e) => e.observationSize !== d || e.actionCount !== actions)) throw new RangeError('every client environment must have the same observation size and action count');
  const global = buildMlp({ inputSize: d, hiddenUnits: o.config.hiddenUnits, outputSize: actions, seed: o.seed, name: 'q' });
  const clients: DqnClient[] = o.envs.map((env, i) => createDqnClient(ids[i], env, o.config, o.seed));
  const sampler = createRng(o.seed).fork(0xfeda);
  // ε decays over the first explorationFraction of the rounds, continuously within a round (as over one run of R·K steps).
  const epsilonAtRound = linearSchedule(o.config.epsilonStart, o.config.epsilonEnd, o.config.explorationFraction * o.rounds);
  const history: FederatedRoundLog[] = [];
  let totalSamples = 0;
  for (let round = 0; round < o.rounds; round++) {
    const chosen = sampleClients(clients.length, o.participation, sampler);
    const globalWeights = readNetworkWeights(global);
    // ---- local training of each participant from the same global weights
    const results = chosen.map((c) => {
      const client = clients[c];
      return trainDqnClientRound(client, {
        globalWeights,
        steps: o.localSteps,
        epsilonAt: (k) => epsilonAtRound(round + k / o.localSteps),
        rng: createRng(o.seed * CLIENT_ID_LIMIT + client.id).fork(round),
        episodeSeed: (e) => clientEpisodeSeed(o.seed, client.id, e),
      });
    });
    // ---- the server: sample-weighted mean of the returned weights
    writeNetworkWeights(global, fedAvg(results));
    totalSamples += results.reduce((a, r) => a + r.samples, 0);
    const log: FederatedRoundLog = {
      round, clients: chosen, samples: results.map((r) => r.samples), meanEpisodeReward: results.map((r) => r.meanEpisodeReward), meanLoss: results.map((r) => r.meanLoss), epsilon: epsilonAtRound(round),
    };
    history.push(log);
    await o.onRound?.(log);
  }
  clients.forEach((c) => c.agent.dispose());
  return { global, history, totalSamples };
}
