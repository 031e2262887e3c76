// A workload spec as the Pulumi program must receive it: every trace `file` absolute. The experiment file names
// traces relative to itself, but the Pulumi program runs elsewhere (its own working directory), so the backend
// resolves them first, against the experiment's folder — never against the process's working directory.
import { isAbsolute, resolve } from 'node:path';
import type { WorkloadSpec } from '../../workloads/index.ts';

/** A copy of `spec` with each `{ type: "trace", file }` resolved against `baseDir` (which must be absolute). */
export function withAbsoluteTracePaths(spec: WorkloadSpec, baseDir: string): WorkloadSpec {
  if (!isAbsolute(baseDir)) throw new Error(`baseDir: got "${baseDir}", expected an absolute path (the experiment file's folder)`);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    if (o.type === 'trace' && typeof o.file === 'string' && !isAbsolute(o.file)) o.file = resolve(baseDir, o.file);
    return o;
  };
  return walk(spec) as WorkloadSpec;
}
