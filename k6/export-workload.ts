// What `scalelab k6 export WORKLOAD` does: a thesis scenario name or a WorkloadSpec JSON file → a k6 script a
// user can run with real k6. Reads the spec file relative to the current directory (traces through the loader).
import { existsSync, readFileSync } from 'node:fs';
import { parseStrictJson } from '../lib/strict-json.ts';
import { dirname, resolve } from 'node:path';
import { buildWorkload, isThesisScenarioName, thesisScenario, type TraceLoader, type Workload } from '../workloads/index.ts';
import { generateK6Script } from './generate-script.ts';

/** Options of `k6 export`. */
export interface K6ExportOptions {
  /** SLA for the p(95) threshold, ms. */
  slaLatencyMs?: number;
  /** Most stages in the script. */
  maxStages?: number;
  /** Thesis scenarios only: base/peak rate (req/s) and length (s). */
  baseRps?: number;
  peakRps?: number;
  durationSeconds?: number;
  /** Seed for noisy or sampled workloads. */
  seed?: number;
  /** Reads trace files a spec names, given the spec file's directory (the CLI passes experiments' file adapter). */
  traceLoaderFor?: (dir: string) => TraceLoader;
  /** Reads the spec file (the CLI passes its bounded regular-file reader: a FIFO or /dev/zero is refused). */
  readText?: (path: string) => string;
}

/** Resolves WORKLOAD (a thesis scenario name, or a path to a JSON WorkloadSpec) to a workload. */
export function resolveWorkloadArg(arg: string, o: K6ExportOptions): Workload {
  if (isThesisScenarioName(arg)) return thesisScenario(arg, { baseRps: o.baseRps, peakRps: o.peakRps, durationSeconds: o.durationSeconds });
  const path = resolve(arg);
  if (!existsSync(path)) throw new Error(`WORKLOAD: got "${arg}", expected a thesis scenario name or a path to a JSON workload spec file`);
  let spec: unknown;
  let text: string;
  try {
    text = (o.readText ?? ((p) => readFileSync(p, 'utf8')))(path);
  } catch (err) {
    throw new Error(`WORKLOAD: cannot read ${arg}`, { cause: err });
  }
  try {
    // Strict: a duplicate key (JSON.parse keeps the last) or 100,000-deep nesting is refused, naming the key.
    spec = parseStrictJson(text);
  } catch (err) {
    throw new Error(`WORKLOAD: ${arg}: ${(err as Error).message}`, { cause: err });
  }
  return buildWorkload(spec, { seed: o.seed ?? 1, loadTrace: o.traceLoaderFor?.(dirname(path)) });
}

/** The k6 script text for WORKLOAD. */
export function exportK6Script(arg: string, o: K6ExportOptions = {}): string {
  return generateK6Script(resolveWorkloadArg(arg, o), { slaLatencyMs: o.slaLatencyMs, maxStages: o.maxStages });
}
