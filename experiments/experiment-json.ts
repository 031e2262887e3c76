// OUT/experiment.json: the experiment as it was resolved for this run (plant per scenario, cell keys and hashes),
// so a reader of the records knows exactly what ran.
import type { ExperimentDef } from './experiment.ts';
import type { Cell } from './cells.ts';
import { writeLinesAtomically } from './records-file.ts';

/** Schema tag of experiment.json. */
export const EXPERIMENT_JSON_SCHEMA = 'scalelab.experiment/v1';

/** Use once per run, before the cells start; written atomically. */
export function writeExperimentJson(path: string, def: ExperimentDef, cells: readonly Cell[], backend: string): void {
  const plantByScenario: Record<string, unknown> = {};
  for (const c of cells) plantByScenario[c.scenario] ??= c.config.plant;
  const resolved = {
    schema: EXPERIMENT_JSON_SCHEMA,
    name: def.name,
    description: def.description ?? null,
    backend,
    seeds: def.seeds,
    scenarios: def.scenarios.map((s) => ({ ...s, plant: plantByScenario[s.name], durationSeconds: s.durationSeconds ?? null })),
    autoscalers: def.autoscalers,
    cells: cells.map((c) => ({ key: c.key, hash: c.config.hash })),
  };
  writeLinesAtomically(path, [JSON.stringify(resolved, null, 2)]);
}
