// Facts about the trained models behind a report's rows (λ converged), read from their training logs.
import { existsSync } from 'node:fs';
import { MAX_FILE_BYTES, readInputFile } from '../input-file.ts';
import { dirname, join, relative, resolve } from 'node:path';
import type { RunRecord } from '../../lib/ports.ts';
import { UserError } from '../../lib/errors.ts';
import { jsonLines } from '../../lib/json-lines.ts';
import { EXPERIMENT_DEFS_DIR, MODELS_DIR, REPO_ROOT } from '../../lib/paths.ts';
import { modelFactsFromLog, type ModelFacts } from '../../reports/index.ts';

/**
 * λ converged (and the log it came from) for every autoscaler in `records` that ran a trained model: the
 * record's config names the spec; its model is `spec.model` relative to `defsDir`, else models/<type>/model;
 * the training log is train-log.jsonl beside that model folder. Autoscalers without a log are left out.
 * The log is named relative to the repository (so a report does not depend on the working directory).
 */
export function readModelFacts(records: readonly RunRecord[], defsDir = EXPERIMENT_DEFS_DIR, modelsDir = MODELS_DIR): Record<string, ModelFacts> {
  const facts: Record<string, ModelFacts> = {};
  for (const r of records) {
    if (r.autoscaler in facts) continue;
    const spec = (r.config as { autoscaler?: { type?: unknown; model?: unknown } } | undefined)?.autoscaler;
    if (!spec || typeof spec.type !== 'string') continue;
    const modelDir = typeof spec.model === 'string' ? resolve(defsDir, spec.model) : join(modelsDir, spec.type, 'model');
    const log = join(dirname(modelDir), 'train-log.jsonl');
    if (!existsSync(log)) continue;
    const rows: Record<string, unknown>[] = [];
    for (const line of jsonLines(readInputFile(log, 'training log', MAX_FILE_BYTES.trainingLog))) {
      if (!line.ok) throw new UserError(`${log}: a line is not valid JSON (expected one training episode per line)`);
      rows.push(line.value as Record<string, unknown>);
    }
    facts[r.autoscaler] = modelFactsFromLog(rows, relative(REPO_ROOT, log) || log);
  }
  return facts;
}
