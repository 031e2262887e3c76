// A trained model opened for inspection: its provenance and networks (loaded through agent/rl's public
// loadAgentFiles and AGENTS table, as loadRlAutoscaler does), and a decider that makes exactly the deployed
// autoscaler's decision (agent/rl/rl-autoscaler.ts: same encoder, greedy action, the hybrid's PPO headroom — its
// Gaussian's mean — every ppoPeriod decisions, floor, safety layer) while also returning what the deployed one
// keeps inside: the action index, the network's outputs and the headroom. tests/experiments/model-inspect
// compares its decisions with loadRlAutoscaler's on whole scenarios for every committed model.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Observation } from '../../lib/ports.ts';
import {
  ACTION_SETS, AGENTS, RL_AGENTS, applyAction, applySafetyLayer, argMax, createObservationEncoder, featureNames, gaussianParams, headroomFloor,
  headroomOf, initTf, loadAgentFiles, mlpPredictOne, observationSize, readProvenance, setpointFeature, ModelFilesError,
  type EnvConfig, type HybridConfig, type Provenance, type RlAgentName, type SafetyConfig,
} from '../../agent/rl/index.ts';

/** A model folder, loaded. */
export interface InspectableModel {
  dir: string;
  provenance: Provenance;
  agent: RlAgentName;
  /** The environment config it was trained with (plant, observation, actions, reward, episodes). */
  env: EnvConfig;
  features: string[];
  actionNames: string[];
  /** Q network (DQN, hybrids) or policy logits (PPO): its argmax is the action. */
  actionNetwork: LayersModel;
  /** Hybrids: PPO's Gaussian headroom policy (outputs: mean pre-activation, log-std). */
  headroomNetwork?: LayersModel;
  hybrid?: HybridConfig;
  safety: SafetyConfig | null;
}

/** Use to open `models/<name>/model` (or any model folder); ModelFilesError (naming the file) for a bad folder. */
export async function loadInspectableModel(dir: string): Promise<InspectableModel> {
  await initTf();
  const first = readProvenance(dir, []);
  const agent = first.agent as RlAgentName;
  if (!RL_AGENTS.includes(agent)) throw new ModelFilesError(`${dir}/provenance.json: agent = ${JSON.stringify(first.agent)}, expected one of ${RL_AGENTS.join(', ')}`);
  const config = first.config as { env?: EnvConfig; hybrid?: HybridConfig; constraint?: { safety?: SafetyConfig | null } };
  const env = config?.env;
  if (typeof env?.observation !== 'object' || env.observation === null || typeof env.plant?.slaLatencyMs !== 'number') {
    throw new ModelFilesError(`${dir}/provenance.json: config.env (observation, plant.slaLatencyMs) is missing; expected the config the model was trained with`);
  }
  if (!(env.actionSet in ACTION_SETS)) throw new ModelFilesError(`${dir}/provenance.json: config.env.actionSet = ${JSON.stringify(env.actionSet)}, expected one of ${Object.keys(ACTION_SETS).join(', ')}`);
  const { provenance, networks } = await loadAgentFiles(dir, AGENTS[agent].networks, observationSize(env.observation));
  const nets = AGENTS[agent].policy(networks);
  if (nets.hybrid && !Array.isArray(config.hybrid?.headroomRange)) throw new ModelFilesError(`${dir}/provenance.json: config.hybrid.headroomRange is missing (a ${agent} model needs its headroom range)`);
  return {
    dir,
    provenance,
    agent,
    env,
    features: featureNames(env.observation),
    actionNames: ACTION_SETS[env.actionSet].map((a) => a.name),
    actionNetwork: nets.actionNetwork,
    headroomNetwork: nets.headroomNetwork,
    hybrid: nets.hybrid ? config.hybrid : undefined,
    safety: nets.constrained ? (config.constraint?.safety ?? null) : null,
  };
}

/** The network's outputs for one feature vector (the deployed autoscaler's inference). */
export const networkOutputs = (net: LayersModel, features: Float32Array): Float32Array => mlpPredictOne(net, features);

/** PPO's headroom for one feature vector: its Gaussian's mean, clipped to the range (what the deployed hybrid applies). */
export function headroomPolicy(m: InspectableModel, features: Float32Array): number {
  const range = m.hybrid!.headroomRange;
  return headroomOf(gaussianParams(mlpPredictOne(m.headroomNetwork!, features), range[0], range[1]).mean, range);
}

export { argMax };

/** One decision with its insides. */
export interface InspectedDecision {
  replicas: number;
  reason: string;
  actionIndex: number;
  outputs: Float32Array;
  features: Float32Array;
  /** Hybrids: the headroom (fraction above demand) in effect for this decision. */
  headroom?: number;
}

/** Use once per run (it keeps the encoder's history and the hybrid's headroom): call decide() on every observation. */
export function createDecider(m: InspectableModel): { decide(o: Observation): InspectedDecision } {
  const encoder = createObservationEncoder(m.env.observation);
  const actions = ACTION_SETS[m.env.actionSet];
  const range = m.hybrid?.headroomRange ?? [0, 0];
  const slaLatencyMs = m.env.plant.slaLatencyMs;
  let decisions = 0;
  let headroom = range[0];
  return {
    decide(o) {
      const current = o.specReplicas;
      const features = encoder.encode(o, setpointFeature(headroom, range));
      if (m.hybrid && decisions % m.hybrid.ppoPeriod === 0) {
        if (m.headroomNetwork) headroom = headroomPolicy(m, features);
        features[features.length - 1] = setpointFeature(headroom, range);
      }
      decisions++;
      const outputs = networkOutputs(m.actionNetwork, features);
      const actionIndex = argMax(outputs);
      const base = { actionIndex, outputs, features, headroom: m.hybrid ? headroom : undefined };
      if (o.rps === undefined) return { ...base, replicas: current, reason: 'NoData' };
      let replicas = applyAction(actions[actionIndex], current, o.minReplicas, o.maxReplicas);
      let reason = replicas > current ? 'RlScaleUp' : replicas < current ? 'RlScaleDown' : 'RlHold';
      if (m.hybrid) {
        const floor = headroomFloor(o, headroom, m.hybrid.floorUtilization);
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
