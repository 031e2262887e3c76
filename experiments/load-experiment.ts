// Finds and reads an experiment: EXPERIMENT is a shipped name (experiments/defs/<name>.json) or a path to a file.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../lib/errors.ts';
import { parseExperiment, type ExperimentDef, type PlantFileLoader } from './experiment.ts';
import { traceLoader } from './load-trace.ts';
import { MAX_FILE_BYTES, readInputFile } from './input-file.ts';
import { JsonInputError, parseStrictJson } from '../lib/strict-json.ts';

/** Folder of the shipped experiment files. */
export const SHIPPED_EXPERIMENTS_DIR = fileURLToPath(new URL('./defs/', import.meta.url));

/** An experiment ready to run. */
export interface LoadedExperiment {
  def: ExperimentDef;
  /** The file it came from. */
  path: string;
  /** Its folder: relative paths inside (traces, models) resolve against it. */
  baseDir: string;
}

/** The names `scalelab run NAME` accepts. */
export function shippedExperimentNames(): string[] {
  return readdirSync(SHIPPED_EXPERIMENTS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** Use at the CLI boundary: resolves the name or path, parses JSON and validates everything (UserError on any problem). */
export async function loadExperiment(nameOrPath: string): Promise<LoadedExperiment> {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.json');
  let path: string;
  if (looksLikePath || existsSync(nameOrPath)) {
    path = resolve(nameOrPath);
    if (!existsSync(path)) throw new UserError(`EXPERIMENT: no such file ${nameOrPath}`);
  } else {
    path = resolve(SHIPPED_EXPERIMENTS_DIR, `${nameOrPath}.json`);
    if (!existsSync(path)) {
      throw new UserError(`EXPERIMENT: got "${nameOrPath}", expected a shipped experiment (${shippedExperimentNames().join(', ')}) or a path to an experiment .json file`);
    }
  }
  const text = readInputFile(path, 'experiment', MAX_FILE_BYTES.experiment, nameOrPath);
  let json: unknown;
  try {
    json = parseStrictJson(text);
  } catch (err) {
    if (!(err instanceof JsonInputError)) throw err;
    if (err.syntax) throw new UserError(`experiment ${nameOrPath}: cannot read it as JSON (${err.detail.replace(/^not valid JSON \((.*)\)$/s, '$1')})`, { cause: err });
    throw new UserError(`experiment ${nameOrPath}: ${err.message}`);
  }
  const baseDir = dirname(path);
  const def = await parseExperiment(json, { source: nameOrPath, loadTrace: traceLoader(baseDir), baseDir, loadPlant: plantFileLoader(baseDir, nameOrPath) });
  return { def, path, baseDir };
}

/** Reads `"plant": "file"` relative to the experiment's folder: a missing file or bad JSON is a UserError naming it. */
function plantFileLoader(baseDir: string, source: string): PlantFileLoader {
  return (file) => {
    const path = resolve(baseDir, file);
    let text: string;
    try {
      text = readInputFile(path, 'plant config file', MAX_FILE_BYTES.experiment, file);
    } catch (err) {
      throw new UserError(`experiment ${source}: plant: ${(err as Error).message}`, { cause: err });
    }
    try {
      return { json: parseStrictJson(text), path: file };
    } catch (err) {
      if (!(err instanceof JsonInputError)) throw err;
      throw new UserError(`experiment ${source}: plant file ${file}: ${err.syntax ? `cannot read it as JSON (${err.detail})` : err.message}`, { cause: err });
    }
  };
}
