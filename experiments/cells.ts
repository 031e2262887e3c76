// An experiment expanded into cells: one (scenario, autoscaler, seed) each, with its resolved configuration and
// a hash of it. The cell order (scenario, then autoscaler, then seed, as listed in the file) is the order of the
// finished records file.
import type { PlantConfig } from '../sim/config.ts';
import type { WorkloadSpec } from '../workloads/index.ts';
import type { AutoscalerSpec } from '../agent/registry.ts';
import type { ExperimentDef } from './experiment.ts';
import { resolvePlant, experimentError } from './experiment.ts';
import { configHash } from './config-hash.ts';

/** Everything a backend needs to run a cell; stored as the record's `config` (JSON, no absolute paths). */
export interface CellConfig {
  /** Hash of the configuration below plus the cell's names and seed, not of `codeVersion` (16 hex digits). */
  hash: string;
  /** Fingerprint of the code that ran the cell (experiments/code-version.ts); absent when not tracked. */
  codeVersion?: string;
  /** Simulated seconds; null = the workload's own duration. */
  durationSeconds: number | null;
  plant: PlantConfig;
  workload: WorkloadSpec;
  autoscaler: AutoscalerSpec;
}

/** One run of the experiment. */
export interface Cell {
  /** Position in the canonical order, 0-based. */
  index: number;
  /** `scenario/autoscaler/seed`: unique within an experiment. */
  key: string;
  experiment: string;
  scenario: string;
  autoscaler: string;
  seed: number;
  config: CellConfig;
}

/** Use to list the runs of a validated experiment, in canonical order. */
export function expandCells(def: ExperimentDef, options: { source?: string; codeVersion?: string } = {}): Cell[] {
  const source = options.source ?? def.name;
  const fail = (f: string, v: unknown, e: string, c?: unknown) => experimentError(source, f, v, e, c);
  const base = resolvePlant(undefined, def.plant, 'plant', fail);
  const cells: Cell[] = [];
  def.scenarios.forEach((scenario, i) => {
    const plant = resolvePlant(base, scenario.plant, `scenarios[${i}].plant`, fail);
    for (const autoscaler of def.autoscalers) {
      for (const seed of def.seeds) {
        const body = { durationSeconds: scenario.durationSeconds ?? null, plant, workload: scenario.workload, autoscaler };
        const hash = configHash({ experiment: def.name, scenario: scenario.name, seed, ...body });
        cells.push({
          index: cells.length,
          key: `${scenario.name}/${autoscaler.name}/${seed}`,
          experiment: def.name,
          scenario: scenario.name,
          autoscaler: autoscaler.name,
          seed,
          config: { hash, codeVersion: options.codeVersion, ...body },
        });
      }
    }
  });
  return cells;
}
