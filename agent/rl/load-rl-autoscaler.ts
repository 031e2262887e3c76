// Loads a committed model folder into a deployable RL Autoscaler (file adapter over model-files.ts).
import type { Autoscaler } from '../../lib/ports.ts';
import type { ActionSetName } from './actions.ts';
import type { HybridConfig } from './hybrid.ts';
import { loadAgentFiles, ModelFilesError, readProvenance } from './model-files.ts';
import { observationSize, type ObservationConfig } from './observation-encoder.ts';
import { RL_AGENTS, type RlAgentName } from './agent-names.ts';
import { AGENTS } from './agents.ts';
import { createRlAutoscaler, type RlPolicy } from './rl-autoscaler.ts';
import type { SafetyConfig } from './safety-layer.ts';
import { initTf } from './tf.ts';

/** The part of a model's provenance config the deployed autoscaler needs. */
interface SavedConfig {
  env: { actionSet: ActionSetName; observation: ObservationConfig; decisionPeriodSeconds: number; plant: { slaLatencyMs: number } };
  hybrid?: HybridConfig;
  constraint?: { safety: SafetyConfig | null };
}

/** Use to turn `models/<agent>/model` into an Autoscaler; a fresh one per run (it keeps feature history). */
/** Options of a loaded autoscaler: the ablation's fixed headroom replaces a hybrid's PPO. */
export interface LoadOptions {
  fixedHeadroom?: number;
  onHeadroom?: RlPolicy['onHeadroom'];
}

export async function loadRlAutoscaler(dir: string, name?: string, expectedAgent?: string, options: LoadOptions = {}): Promise<Autoscaler> {
  await initTf();
  const first = readProvenance(dir, []);
  const agent = first.agent as RlAgentName;
  if (!RL_AGENTS.includes(agent)) throw new ModelFilesError(`${dir}/provenance.json: agent = ${JSON.stringify(first.agent)}, expected one of ${RL_AGENTS.join(', ')}`);
  if (expectedAgent !== undefined && agent !== expectedAgent) throw new ModelFilesError(`model ${dir} is a ${agent} model, not ${expectedAgent}`);
  const config = first.config as unknown as SavedConfig;
  if (typeof config?.env?.observation !== 'object' || config.env.observation === null || typeof config.env.plant?.slaLatencyMs !== 'number') {
    throw new ModelFilesError(`${dir}/provenance.json: config.env (observation, plant.slaLatencyMs) is missing; expected the config the model was trained with`);
  }
  const size = observationSize(config.env.observation);
  const { networks } = await loadAgentFiles(dir, AGENTS[agent].networks, size);
  const nets = AGENTS[agent].policy(networks);
  if (options.fixedHeadroom !== undefined && !nets.hybrid) throw new ModelFilesError(`fixedHeadroom applies to hybrid models only; ${dir} is a ${agent} model`);
  const policy: RlPolicy = {
    agent,
    actionSet: config.env.actionSet,
    observation: config.env.observation,
    actionNetwork: nets.actionNetwork,
    headroomNetwork: nets.headroomNetwork,
    hybrid: nets.hybrid ? config.hybrid : undefined,
    fixedHeadroom: options.fixedHeadroom,
    onHeadroom: options.onHeadroom,
    safety: nets.constrained ? (config.constraint?.safety ?? null) : null,
    slaLatencyMs: config.env.plant.slaLatencyMs,
    periodSeconds: config.env.decisionPeriodSeconds,
  };
  return createRlAutoscaler(policy, name ?? agent);
}
