// `reproduce --retrain`: rebuilds every committed model with the documented script before the report.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.ts';
import { MODELS_DIR, REPO_ROOT } from '../../lib/paths.ts';

/** The documented way to rebuild every committed model, as users type it (from the repository root). */
const TRAIN_ALL_SCRIPT = join('models', 'train-all.sh');

/** Reruns models/train-all.sh (STEPS=2000 with `quick`) in the repository root; returns what to tell the user. */
export async function retrainAgents(options: { quick?: boolean }): Promise<string> {
  if (!existsSync(join(MODELS_DIR, 'train-all.sh'))) return `--retrain: ${TRAIN_ALL_SCRIPT} does not exist; using committed models where present.`;
  const env = { ...process.env, ...(options.quick ? { STEPS: '2000' } : {}) };
  const result = spawnSync('sh', [TRAIN_ALL_SCRIPT], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) throw new UserError(`--retrain: sh ${TRAIN_ALL_SCRIPT} failed (exit ${result.status ?? result.signal})`, { exitCode: 1 });
  return `RL agents retrained with sh ${TRAIN_ALL_SCRIPT}${options.quick ? ' (STEPS=2000)' : ''}.`;
}
