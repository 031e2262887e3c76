// One federated client ("cluster") of DQN: its own plant's environment, its own replay buffer and Adam moments
// (both kept across rounds and never sent), and a local training of K env steps that starts from the global
// weights. The update rule is dqn.ts's (createDqnAgent's Double-DQN update with Huber loss and clipping); the
// loop is dqn.ts's single-environment loop, cut into rounds: every round starts a new episode (the last one of the
// previous round is a time-limit truncation, which DQN bootstraps through, so no transition is wrong).
import type { Rng } from '../../../lib/rng.ts';
import type { DiscreteEnv } from '../discrete-env.ts';
import { createDqnAgent, type DqnAgent, type DqnConfig } from '../dqn.ts';
import { createReplayBuffer, type ReplayBuffer } from '../replay-buffer.ts';
import { readNetworkWeights, writeNetworkWeights } from './network-weights.ts';

/** A client's state between rounds (everything of it except the environment stays on the client). */
export interface DqnClient {
  /** The client's stream id: its episode seeds and exploration draws derive from it. */
  readonly id: number;
  readonly env: DiscreteEnv;
  readonly agent: DqnAgent;
  readonly buffer: ReplayBuffer;
  /** Local env steps done over all rounds (learningStarts, trainFrequency and targetUpdateInterval count these). */
  steps: number;
  /** Episodes started over all rounds (the next episode's index). */
  episodes: number;
}

/** Use once per client; the network's initial weights are overwritten by the global ones at every round. */
export function createDqnClient(id: number, env: DiscreteEnv, config: DqnConfig, seed: number): DqnClient {
  return { id, env, agent: createDqnAgent(env.observationSize, env.actionCount, seed, config), buffer: createReplayBuffer(config.bufferSize, env.observationSize), steps: 0, episodes: 0 };
}

/** What one local training reports (the samples n_k weight the client in FedAvg). */
export interface LocalRoundResult {
  weights: Float32Array[];
  samples: number;
  /** Episodes finished this round, their mean return (null when none finished). */
  episodesFinished: number;
  meanEpisodeReward: number | null;
  /** Mean Huber loss of this round's updates (null when none). */
  meanLoss: number | null;
}

/** Options of one local training. */
export interface LocalRoundOptions {
  /** The global weights the round starts from (the online network; the target network is set to them too). */
  globalWeights: readonly Float32Array[];
  /** K, env steps. */
  steps: number;
  /** ε at the k-th step of this round (the federation's schedule). */
  epsilonAt: (k: number) => number;
  /** The round's exploration and minibatch draws. */
  rng: Rng;
  /** Seed of the client's e-th episode. */
  episodeSeed: (episode: number) => number;
}

/** Use per participating client per round: K local steps from the global weights; returns only weights and counts. */
export function trainDqnClientRound(client: DqnClient, o: LocalRoundOptions): LocalRoundResult {
  const { agent, buffer, env } = client;
  const config: DqnConfig = agent.config;
  writeNetworkWeights(agent.online, o.globalWeights);
  agent.syncTarget();
  let obs = env.reset(o.episodeSeed(client.episodes++));
  let episodeReward = 0;
  let finished = 0;
  let rewardSum = 0;
  let lossSum = 0;
  let losses = 0;
  for (let k = 0; k < o.steps; k++) {
    const step = client.steps;
    // ---- act ε-greedily, store the transition
    const action = o.rng.next() < o.epsilonAt(k) ? Math.floor(o.rng.next() * env.actionCount) : agent.greedy(obs);
    const r = env.step(action);
    buffer.add(obs, action, r.reward, r.observation, r.done);
    episodeReward += r.reward;
    if (r.done || r.truncated) {
      finished++;
      rewardSum += episodeReward;
      episodeReward = 0;
      obs = env.reset(o.episodeSeed(client.episodes++));
    } else {
      obs = r.observation;
    }
    // ---- learn every trainFrequency local steps after learningStarts; hard target sync every targetUpdateInterval
    if (step >= config.learningStarts && step % config.trainFrequency === 0 && buffer.size >= config.batchSize) {
      lossSum += agent.update(buffer.sample(config.batchSize, o.rng));
      losses++;
    }
    if ((step + 1) % config.targetUpdateInterval === 0) agent.syncTarget();
    client.steps++;
  }
  return { weights: readNetworkWeights(agent.online), samples: o.steps, episodesFinished: finished, meanEpisodeReward: finished ? rewardSum / finished : null, meanLoss: losses ? lossSum / losses : null };
}
