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

/** One shard of a sweep: the cells whose index ≡ `index` (mod `count`); `index` is 0-based like JOB_COMPLETION_INDEX. */
export interface Shard {
  index: number;
  count: number;
}

/** Use to split a sweep across machines or the pods of an Indexed Job: cell i goes to shard i mod count. */
export function selectShard<C extends { index: number }>(cells: readonly C[], shard: Shard | undefined): C[] {
  if (!shard) return [...cells];
  return cells.filter((c) => c.index % shard.count === shard.index);
}

/**
 * Parses `--shard I/N` (or `auto/N`, taking I from `completionIndex`, Kubernetes' JOB_COMPLETION_INDEX).
 * Throws a RangeError whose message names the flag, the value received and what was expected.
 */
export function parseShard(value: string, completionIndex: string | undefined, flag = '--shard'): Shard {
  const m = /^(auto|\d{1,9})\/(\d{1,9})$/.exec(value.trim());
  if (!m) throw new RangeError(`${flag}: got "${value}", expected I/N with 0 ≤ I < N (e.g. 0/4), or auto/N inside an Indexed Job`);
  const count = Number(m[2]);
  if (count < 1) throw new RangeError(`${flag}: got "${value}", expected N ≥ 1 shards`);
  let indexText = m[1];
  if (indexText === 'auto') {
    if (completionIndex === undefined || completionIndex === '') {
      throw new RangeError(`${flag} ${value}: JOB_COMPLETION_INDEX is not set (Kubernetes sets it in the pods of an Indexed Job); give the index instead, e.g. ${flag} 0/${count}`);
    }
    if (!/^\d{1,9}$/.test(completionIndex)) throw new RangeError(`${flag} ${value}: JOB_COMPLETION_INDEX is "${completionIndex}", expected an integer 0 ≤ I < ${count}`);
    indexText = completionIndex;
  }
  const index = Number(indexText);
  if (index >= count) {
    const from = m[1] === 'auto' ? ` (from JOB_COMPLETION_INDEX)` : '';
    throw new RangeError(`${flag}: got index ${index}${from} of ${count} shards, expected 0 ≤ I < ${count} (shards are 0-based, like JOB_COMPLETION_INDEX)`);
  }
  return { index, count };
}
