// `reproduce --retrain`: rebuilds every committed model with the documented script before the report.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.ts';
import { MODELS_DIR } from '../../lib/paths.ts';

/** The documented way to rebuild every committed model (a zx script), as users type it. */
const TRAIN_ALL = 'node models/train-all.mjs';

/** Reruns models/train-all.mjs (STEPS=2000 with `quick`); returns what to tell the user. */
export async function retrainAgents(options: { quick?: boolean }): Promise<string> {
  const script = join(MODELS_DIR, 'train-all.mjs');
  if (!existsSync(script)) return `--retrain: models/train-all.mjs does not exist; using committed models where present.`;
  const env = { ...process.env, ...(options.quick ? { STEPS: '2000' } : {}) };
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) throw new UserError(`--retrain: ${TRAIN_ALL} failed (exit ${result.status ?? result.signal})`, { exitCode: 1 });
  return `RL agents retrained with ${TRAIN_ALL}${options.quick ? ' (STEPS=2000)' : ''}.`;
}
