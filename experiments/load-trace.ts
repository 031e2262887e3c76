// Reads a trace file from disk for workloads/ (which stays pure): the TraceLoader that buildWorkload takes.
// Bad content → UserError naming the file and the line; a missing file → UserError with the OS error as cause.
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { parseTrace, WorkloadSpecError, type Trace, type TraceLoader } from '../workloads/index.ts';
import { UserError } from '../lib/errors.ts';

/** Reads and parses one trace; relative paths resolve against `baseDir` (default: the working directory). */
export function loadTraceFile(file: string, options: { resolutionSeconds?: number; baseDir?: string } = {}): Trace {
  const path = isAbsolute(file) ? file : resolve(options.baseDir ?? process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read trace file ${file}`, { cause: err });
  }
  const name = basename(path).replace(/\.(rpm|rps)?\.?(csv|txt)$/i, '');
  try {
    return parseTrace(text, name, { resolutionSeconds: options.resolutionSeconds });
  } catch (err) {
    if (err instanceof WorkloadSpecError) throw new UserError(`trace file ${file}, ${err.message}`, { cause: err });
    throw err;
  }
}

/** A TraceLoader for buildWorkload that resolves spec paths against `baseDir` (e.g. the experiment file's folder). */
export function traceLoader(baseDir?: string): TraceLoader {
  return (file, opts) => loadTraceFile(file, { ...opts, baseDir });
}
