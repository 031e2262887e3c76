// Registry entries of the RL autoscaler types: `{ "name": "dqn", "type": "dqn" }` loads models/dqn/model;
// `{ "name": "dqn-weak-sla", "type": "dqn", "model": "<dir>" }` loads another trained model (relative paths resolve
// against the experiment file's folder). TensorFlow.js is imported only when an RL autoscaler is built.
import { isAbsolute, resolve } from 'node:path';
import { modelDir } from '../../lib/paths.ts';
import type { Autoscaler } from '../../lib/ports.ts';
import { AutoscalerSpecError } from '../baselines/params.ts';
import type { AutoscalerContext, AutoscalerSpec } from '../autoscaler-spec.ts';

import { RL_AGENTS } from './agent-names.ts';

/** The RL autoscaler types, also the names of the committed models under models/: the agent names. */
export const RL_AUTOSCALER_TYPES = RL_AGENTS;

/** The committed model of an agent type: `<repo>/models/<type>/model`. */
export function defaultModelDir(type: string): string {
  return modelDir(type);
}

/** Factory for every RL type: loads the model (checked: files present, observation size) and decides greedily. */
export async function createRlAutoscalerFromSpec(spec: AutoscalerSpec, ctx: AutoscalerContext): Promise<Autoscaler> {
  const unknown = Object.keys(spec).find((k) => !['name', 'type', 'model'].includes(k));
  if (unknown !== undefined) throw new AutoscalerSpecError(unknown, spec[unknown], `no such parameter for type "${spec.type}" (parameters: model)`);
  if (spec.model !== undefined && (typeof spec.model !== 'string' || spec.model === '')) throw new AutoscalerSpecError('model', spec.model, 'the path of a trained model folder');
  const dir = spec.model === undefined ? defaultModelDir(spec.type) : isAbsolute(spec.model as string) ? (spec.model as string) : resolve(ctx.baseDir ?? '.', spec.model as string);
  const { loadRlAutoscaler } = await import('./load-rl-autoscaler.ts');
  const { ModelFilesError } = await import('./model-files.ts');
  try {
    const autoscaler = await loadRlAutoscaler(dir, spec.name, spec.type);
    return autoscaler;
  } catch (err) {
    if (err instanceof ModelFilesError) throw new AutoscalerSpecError('model', dir, 'a model folder written by `scalelab train`', { cause: err, message: `model: ${err.message}` });
    throw err;
  }
}
