// The deployed RL autoscalers: a trained network (or the hybrid's pair) behind the Autoscaler port, deciding
// greedily every 15 s with the same feature encoder, action encoding, floor and safety layer as in training.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Autoscaler, Decision, Observation } from '../../lib/ports.ts';
import { ACTION_SETS, applyAction, type ActionSetName } from './actions.ts';
import { argMax } from './dqn.ts';
import { headroomFloor, setpointFeature, type HybridConfig } from './hybrid.ts';
import { createObservationEncoder, type ObservationConfig } from './observation-encoder.ts';
import { applySafetyLayer, type SafetyConfig } from './safety-layer.ts';
import { mlpPredictOne } from './mlp.ts';

import type { RlAgentName } from './agent-names.ts';

export { RL_AGENTS, type RlAgentName } from './agent-names.ts';

/** Networks saved for each agent type (folder names inside the model directory). */
export const AGENT_NETWORKS: Record<RlAgentName, readonly string[]> = {
  dqn: ['q'],
  ppo: ['policy', 'value'],
  hybrid: ['q', 'headroom_policy', 'headroom_value'],
  'hybrid-constrained': ['q', 'headroom_policy', 'headroom_value'],
};

/** What a deployed RL autoscaler needs. */
export interface RlPolicy {
  agent: RlAgentName;
  actionSet: ActionSetName;
  observation: ObservationConfig;
  /** The network whose argmax is the scaling action (Q network or policy logits). */
  actionNetwork: LayersModel;
  /** Hybrid only: the headroom policy and its settings. */
  headroomNetwork?: LayersModel;
  hybrid?: Pick<HybridConfig, 'ppoPeriod' | 'headroomLevels' | 'floorUtilization'>;
  /** Constrained hybrid only: the safety layer. */
  safety?: SafetyConfig | null;
  slaLatencyMs: number;
  periodSeconds: number;
}

const greedy = (net: LayersModel, features: Float32Array): number => argMax(mlpPredictOne(net, features));

/**
 * Use to run a trained agent as an Autoscaler. Missing load data (no rps or latency yet) → hold, never scale down.
 * Reason codes: RlScaleUp, RlScaleDown, RlHold, NoData, HeadroomFloor, Safety<Intervention>.
 */
export function createRlAutoscaler(policy: RlPolicy, name: string = policy.agent): Autoscaler {
  const encoder = createObservationEncoder(policy.observation);
  const actions = ACTION_SETS[policy.actionSet];
  let decisions = 0;
  let level = 0;
  return {
    name,
    periodSeconds: policy.periodSeconds,
    decide(o: Observation): Decision {
      const current = o.specReplicas;
      const levels = policy.hybrid?.headroomLevels.length ?? 0;
      // Same order as training (hybrid.ts): encode with the current setpoint, let PPO pick a new level on
      // those features every ppoPeriod decisions, then DQN decides with the new setpoint in the last feature.
      const features = encoder.encode(o, setpointFeature(level, levels));
      if (policy.headroomNetwork && policy.hybrid && decisions % policy.hybrid.ppoPeriod === 0) {
        level = greedy(policy.headroomNetwork, features);
        features[features.length - 1] = setpointFeature(level, levels);
      }
      decisions++;
      if (o.rps === undefined) return { replicas: current, reason: 'NoData' };
      let replicas = applyAction(actions[greedy(policy.actionNetwork, features)], current, o.minReplicas, o.maxReplicas);
      let reason = replicas > current ? 'RlScaleUp' : replicas < current ? 'RlScaleDown' : 'RlHold';
      if (policy.hybrid) {
        const floor = headroomFloor(o, policy.hybrid.headroomLevels[level], policy.hybrid.floorUtilization);
        if (floor > replicas) [replicas, reason] = [Math.min(o.maxReplicas, floor), 'HeadroomFloor'];
      }
      if (policy.safety) {
        const s = applySafetyLayer(replicas, current, o, policy.slaLatencyMs, policy.safety);
        if (s.intervention !== 'None') [replicas, reason] = [s.replicas, `Safety${s.intervention}`];
      }
      return { replicas, reason };
    },
  };
}
