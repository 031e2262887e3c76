// The agents as a table: per algorithm, the networks it saves, whether it sees the hybrid's setpoint, how it
// trains (on a prepared environment, with resume and checkpoints) and the deployable policy its networks make.
// A new algorithm is its own file, one name in agent-names.ts and one entry here.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { RlAgentName } from './agent-names.ts';
import { trainConstrainedHybrid } from './constrained.ts';
import { createDqnAgent, trainDqn } from './dqn.ts';
import type { ScalingEnv } from './env.ts';
import { createHybridAgent, trainHybrid, type HybridEpisodeLog } from './hybrid.ts';
import type { CheckpointHook, LoopState } from './loop-state.ts';
import { createPpoAgent, trainPpo } from './ppo.ts';
import type { TrainConfig } from './train-config.ts';

/** What one training run hands an algorithm. */
export interface TrainRun {
  env: ScalingEnv;
  /** Another environment of the same config (vectorised training). */
  makeEnv: () => ScalingEnv;
  config: TrainConfig;
  seed: number;
  totalSteps: number;
  /** Networks of the checkpoint being resumed (by the names in `checkpointNetworks`). */
  loaded?: Record<string, LayersModel>;
  resume?: LoopState;
  episodeSeed: (episode: number) => number;
  onEpisode: (row: Record<string, unknown>) => void;
  onStep: (step: number) => void | Promise<void>;
  /** The checkpoint hook, given how to get the networks to save. */
  checkpoint: (networks: () => Record<string, LayersModel>) => CheckpointHook;
}

/** The parts of a deployable policy an algorithm decides (the rest comes from the environment config). */
export interface PolicyNetworks {
  actionNetwork: LayersModel;
  headroomNetwork?: LayersModel;
  hybrid?: boolean;
  constrained?: boolean;
}

export interface AgentEntry {
  /** Networks of the saved model (`model/<name>/`). */
  networks: readonly string[];
  /** Hidden layer sizes of each of the model's networks under a config (checked when a parent is transferred). */
  hiddenUnits(config: TrainConfig): Record<string, readonly number[]>;
  /** Networks a checkpoint holds (the model's plus training-only ones such as the target network). */
  checkpointNetworks: readonly string[];
  /** The observation carries the hybrid's setpoint as its last feature. */
  setpoint: boolean;
  /** Trains and returns the model's networks. */
  train(run: TrainRun): Promise<Record<string, LayersModel>>;
  /** The deployable policy of saved networks. */
  policy(networks: Record<string, LayersModel>): PolicyNetworks;
}

/** `count` environments: the run's own plus fresh ones. */
const envsOf = (r: TrainRun, count: number): ScalingEnv[] => Array.from({ length: count }, (_, i) => (i === 0 ? r.env : r.makeEnv()));

const common = (r: TrainRun) => ({ totalSteps: r.totalSteps, seed: r.seed, resume: r.resume, episodeSeed: r.episodeSeed });

async function trainHybridKind(r: TrainRun, constrained: boolean): Promise<Record<string, LayersModel>> {
  const l = r.loaded;
  const agent = createHybridAgent(r.env.observationSize, r.env.actionCount, r.seed, r.config.hybrid, l && { q: l.q, qTarget: l.q_target, policy: l.headroom_policy, value: l.headroom_value });
  const nets = () => ({ q: agent.dqn.online, headroom_policy: agent.ppo.policy, headroom_value: agent.ppo.value });
  const options = { ...common(r), config: r.config.hybrid, agent, onEpisode: (e: HybridEpisodeLog) => r.onEpisode({ ...e }), onStep: (s: number) => r.onStep(s), checkpoint: r.checkpoint(() => ({ ...nets(), q_target: agent.dqn.target })) };
  if (constrained) await trainConstrainedHybrid(r.env, { ...options, constraint: r.config.constraint });
  else await trainHybrid(r.env, options);
  return nets();
}

/** Every trainable agent. */
export const AGENTS: Record<RlAgentName, AgentEntry> = {
  dqn: {
    networks: ['q'],
    hiddenUnits: (c) => ({ q: c.dqn.hiddenUnits }),
    checkpointNetworks: ['q', 'q_target'],
    setpoint: false,
    async train(r) {
      const agent = createDqnAgent(r.env.observationSize, r.env.actionCount, r.seed, r.config.dqn, r.loaded?.q, r.loaded?.q_target);
      await trainDqn(envsOf(r, r.config.dqn.numEnvs), { ...common(r), config: r.config.dqn, agent, onEpisode: (e) => r.onEpisode({ ...e }), onStep: (s) => r.onStep(s), checkpoint: r.checkpoint(() => ({ q: agent.online, q_target: agent.target })) });
      return { q: agent.online };
    },
    policy: (n) => ({ actionNetwork: n.q }),
  },
  ppo: {
    networks: ['policy', 'value'],
    hiddenUnits: (c) => ({ policy: c.ppo.hiddenUnits, value: c.ppo.hiddenUnits }),
    checkpointNetworks: ['policy', 'value'],
    setpoint: false,
    async train(r) {
      const agent = createPpoAgent(r.env.observationSize, r.env.actionCount, r.seed, r.config.ppo, r.loaded && { policy: r.loaded.policy, value: r.loaded.value });
      const nets = () => ({ policy: agent.policy, value: agent.value });
      await trainPpo(envsOf(r, r.config.ppo.numEnvs), { ...common(r), config: r.config.ppo, agent, onEpisode: (e) => r.onEpisode({ ...e }), onStep: (s) => r.onStep(s), checkpoint: r.checkpoint(nets) });
      return nets();
    },
    policy: (n) => ({ actionNetwork: n.policy }),
  },
  hybrid: {
    networks: ['q', 'headroom_policy', 'headroom_value'],
    hiddenUnits: (c) => ({ q: c.hybrid.dqn.hiddenUnits, headroom_policy: c.hybrid.ppo.hiddenUnits, headroom_value: c.hybrid.ppo.hiddenUnits }),
    checkpointNetworks: ['q', 'q_target', 'headroom_policy', 'headroom_value'],
    setpoint: true,
    train: (r) => trainHybridKind(r, false),
    policy: (n) => ({ actionNetwork: n.q, headroomNetwork: n.headroom_policy, hybrid: true }),
  },
  'hybrid-constrained': {
    networks: ['q', 'headroom_policy', 'headroom_value'],
    hiddenUnits: (c) => ({ q: c.hybrid.dqn.hiddenUnits, headroom_policy: c.hybrid.ppo.hiddenUnits, headroom_value: c.hybrid.ppo.hiddenUnits }),
    checkpointNetworks: ['q', 'q_target', 'headroom_policy', 'headroom_value'],
    setpoint: true,
    train: (r) => trainHybridKind(r, true),
    policy: (n) => ({ actionNetwork: n.q, headroomNetwork: n.headroom_policy, hybrid: true, constrained: true }),
  },
};
