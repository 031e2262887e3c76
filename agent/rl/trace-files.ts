// Reads the trace files a training config names (an adapter: file system), paths relative to the repository root
// so `scalelab train` works from any directory.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseTrace, type TraceLoader } from '../../workloads/index.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** A TraceLoader for training and evaluation episodes. */
export const repoTraceLoader: TraceLoader = (file, opts) => parseTrace(readFileSync(isAbsolute(file) ? file : resolve(REPO_ROOT, file), 'utf8'), file, opts);
