// Where the repository's own folders are, found from this module's location and never from the working directory,
// so every command works from any folder, and inside a Pulumi program whose working directory is stacks/.
import { join } from 'node:path';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = join(import.meta.dirname, '..');
/** The committed trained agents: `models/<name>/model`, their training logs, `models/train-all.mjs`. */
export const MODELS_DIR = join(REPO_ROOT, 'models');
/** The shipped experiment definitions (`experiments/defs/<name>.json`); a spec's relative paths resolve against it. */
export const EXPERIMENT_DEFS_DIR = join(REPO_ROOT, 'experiments', 'defs');
/** Default parent of experiment and report output folders (`reports/out/<experiment>`). */
export const REPORTS_OUT_DIR = join(REPO_ROOT, 'reports', 'out');

/** Use for a trained agent's default model folder: `models/<name>/model`. */
export function modelDir(name: string): string {
  return join(MODELS_DIR, name, 'model');
}
