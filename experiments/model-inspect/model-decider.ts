// A trained model opened for inspection: its provenance and networks (loaded through agent/rl's public
// loadAgentFiles), and a decider that makes exactly the deployed autoscaler's decision (agent/rl/rl-autoscaler.ts:
// same encoder, greedy action, hybrid headroom level every ppoPeriod decisions, floor, safety layer) while also
// returning what the deployed one keeps inside: the action index, the network's outputs and the headroom level.
// tests/experiments/model-inspect compares its decisions with loadRlAutoscaler's on a whole scenario.
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Observation } from '../../lib/ports.ts';
import {
  ACTION_SETS, AGENT_NETWORKS, RL_AGENTS, applyAction, applySafetyLayer, createObservationEncoder, featureNames, headroomFloor, initTf,
  loadAgentFiles, observationSize, readProvenance, ModelFilesError, type EnvConfig, type HybridConfig, type Provenance, type RlAgentName, type SafetyConfig,
} from '../../agent/rl/index.ts';

/** A model folder, loaded. */
export interface InspectableModel {
  dir: string;
  provenance: Provenance;
  agent: RlAgentName;
  env: EnvConfig;
  features: string[];
  actionNames: string[];
  /** Q network (DQN, hybrids) or policy logits (PPO): its argmax is the action. */
  actionNetwork: LayersModel;
  headroomNetwork?: LayersModel;
  hybrid?: HybridConfig;
  safety: SafetyConfig | null;
}

/** Use to open `models/<name>/model` (or any model folder); ModelFilesError for a bad folder. */
export async function loadInspectableModel(dir: string): Promise<InspectableModel> {
  await initTf();
  const first = readProvenance(dir, []);
  const agent = first.agent as RlAgentName;
  if (!RL_AGENTS.includes(agent)) throw new ModelFilesError(`${dir}/provenance.json: agent = ${JSON.stringify(first.agent)}, expected one of ${RL_AGENTS.join(', ')}`);
  const config = first.config as { env?: EnvConfig; hybrid?: HybridConfig; constraint?: { safety?: SafetyConfig | null } };
  if (typeof config?.env?.observation !== 'object' || config.env.observation === null) throw new ModelFilesError(`${dir}/provenance.json: config.env.observation is missing`);
  const { provenance, networks } = await loadAgentFiles(dir, AGENT_NETWORKS[agent], observationSize(config.env.observation));
  const hybrid = agent === 'hybrid' || agent === 'hybrid-constrained';
  return {
    dir,
    provenance,
    agent,
    env: config.env,
    features: featureNames(config.env.observation),
    actionNames: ACTION_SETS[config.env.actionSet].map((a) => a.name),
    actionNetwork: agent === 'ppo' ? networks.policy : networks.q,
    headroomNetwork: hybrid ? networks.headroom_policy : undefined,
    hybrid: hybrid ? config.hybrid : undefined,
    safety: agent === 'hybrid-constrained' ? (config.constraint?.safety ?? null) : null,
  };
}

/** The network's outputs for one feature vector (dense layers: relu(x·W + b), linear last), as the agents compute them. */
export function networkOutputs(net: LayersModel, features: Float32Array): Float32Array {
  return tf.tidy(() => {
    const weights = net.getWeights();
    let h = tf.tensor2d(features, [1, features.length]) as tf.Tensor2D;
    for (let i = 0; i < weights.length; i += 2) {
      h = tf.add(tf.matMul(h, weights[i] as tf.Tensor2D), weights[i + 1]) as tf.Tensor2D;
      if (i < weights.length - 2) h = tf.relu(h);
    }
    return h.dataSync() as Float32Array;
  });
}

/** Index of the largest value (the first on ties, as the agents' argMax). */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The hybrid's setpoint feature of a headroom level: index / (levels − 1) (agent/rl/hybrid.ts setpointFeature). */
export const setpointOf = (level: number, levels: number): number => (levels > 1 ? level / (levels - 1) : 0);

/** One decision with its insides. */
export interface InspectedDecision {
  replicas: number;
  reason: string;
  actionIndex: number;
  outputs: Float32Array;
  features: Float32Array;
  /** Hybrid: the headroom level index in effect for this decision. */
  level?: number;
}

/** Use once per run (it keeps the encoder's history and the hybrid's level): call decide() on every observation. */
export function createDecider(m: InspectableModel): { decide(o: Observation): InspectedDecision } {
  const encoder = createObservationEncoder(m.env.observation);
  const actions = ACTION_SETS[m.env.actionSet];
  const levels = m.hybrid?.headroomLevels.length ?? 0;
  const slaLatencyMs = m.env.plant.slaLatencyMs;
  let decisions = 0;
  let level = 0;
  return {
    decide(o) {
      const current = o.specReplicas;
      const features = encoder.encode(o, setpointOf(level, levels));
      if (m.headroomNetwork && m.hybrid && decisions % m.hybrid.ppoPeriod === 0) {
        level = argMax(networkOutputs(m.headroomNetwork, features));
        features[features.length - 1] = setpointOf(level, levels);
      }
      decisions++;
      const outputs = networkOutputs(m.actionNetwork, features);
      const actionIndex = argMax(outputs);
      const base = { actionIndex, outputs, features, level: m.hybrid ? level : undefined };
      if (o.rps === undefined) return { ...base, replicas: current, reason: 'NoData' };
      let replicas = applyAction(actions[actionIndex], current, o.minReplicas, o.maxReplicas);
      let reason = replicas > current ? 'RlScaleUp' : replicas < current ? 'RlScaleDown' : 'RlHold';
      if (m.hybrid) {
        const floor = headroomFloor(o, m.hybrid.headroomLevels[level], m.hybrid.floorUtilization);
        if (floor > replicas) [replicas, reason] = [Math.min(o.maxReplicas, floor), 'HeadroomFloor'];
      }
      if (m.safety) {
        const s = applySafetyLayer(replicas, current, o, slaLatencyMs, m.safety);
        if (s.intervention !== 'None') [replicas, reason] = [s.replicas, `Safety${s.intervention}`];
      }
      return { ...base, replicas, reason };
    },
  };
}
