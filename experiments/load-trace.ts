// Reads a trace file from disk for workloads/ (which stays pure): the TraceLoader that buildWorkload takes.
// Bad content → UserError naming the file and the line; a missing file → UserError with the OS error as cause;
// a FIFO, device or directory, or a file over MAX_FILE_BYTES.trace → UserError before anything is read.
import { basename, isAbsolute, resolve } from 'node:path';
import { parseTrace, WorkloadSpecError, type Trace, type TraceLoader } from '../workloads/index.ts';
import { UserError } from '../lib/errors.ts';
import { MAX_FILE_BYTES, readInputFile } from './input-file.ts';

/** Reads and parses one trace; relative paths resolve against `baseDir` (default: the working directory). */
export function loadTraceFile(file: string, options: { resolutionSeconds?: number; baseDir?: string } = {}): Trace {
  const path = isAbsolute(file) ? file : resolve(options.baseDir ?? process.cwd(), file);
  const text = readInputFile(path, 'trace file', MAX_FILE_BYTES.trace, file);
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
