// What `scalelab reproduce` runs: the standard experiment, the trained agents that join it, the quick variant.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MODELS_DIR } from '../../lib/paths.ts';
import type { ExperimentDef } from '../experiment.ts';

/** The experiment T1–T3 and the realistic T4 come from (DESIGN.md: `scalelab run standard`). */
export const REPRODUCE_EXPERIMENT = 'standard';

/** --quick: 2 seeds, the first 2 scenarios, at most 10 simulated minutes each. */
export function quickVariant(def: ExperimentDef): ExperimentDef {
  return {
    ...def,
    name: `${def.name}-quick`,
    seeds: def.seeds.slice(0, 2),
    scenarios: def.scenarios.slice(0, 2).map((s) => ({ ...s, durationSeconds: Math.min(s.durationSeconds ?? 600, 600) })),
  };
}

/** Trained agents with report rows: record name → autoscaler type; the model is models/<name>/model. */
export const RL_ROWS: [name: string, type: string][] = [
  ['dqn', 'dqn'], ['ppo', 'ppo'], ['hybrid', 'hybrid'], ['hybrid-constrained', 'hybrid-constrained'], ['dqn-weak-sla', 'dqn'], ['dqn-balanced', 'dqn'],
];

/**
 * Adds every trained agent of RL_ROWS whose model exists and that the experiment does not already run; the
 * experiment is then named `<name>-rl` so its records never mix with a plain `scalelab run <name>`.
 */
export function withTrainedAgents(def: ExperimentDef, baseDir: string, modelsDir = MODELS_DIR): { def: ExperimentDef; added: string[] } {
  const have = new Set(def.autoscalers.map((a) => a.name));
  const extra = RL_ROWS.filter(([name]) => !have.has(name) && existsSync(join(modelsDir, name, 'model', 'provenance.json')));
  if (extra.length === 0) return { def, added: [] };
  const autoscalers = [...def.autoscalers, ...extra.map(([name, type]) => ({ name, type, model: relative(baseDir, join(modelsDir, name, 'model')) }))];
  return { def: { ...def, name: `${def.name}-rl`, autoscalers }, added: extra.map(([name]) => name) };
}
