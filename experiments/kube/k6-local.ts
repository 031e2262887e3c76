// Runs the generated script with the k6 on PATH (zx): `k6 run --out json=<ndjson> script.js`, the target and
// the summary path as env. k6 exits 99 when a threshold fails — that is a result, not an error.
import { $ } from 'zx';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a local k6 run leaves behind. */
export interface K6RunOutput {
  summaryJson: string;
  ndjson: string;
  exitCode: number;
}

/** Runs k6 in `dir`; rejects when k6 fails for another reason than thresholds (exit 99), or is aborted. */
export async function runLocalK6(script: string, targetUrl: string, dir: string, signal?: AbortSignal): Promise<K6RunOutput> {
  const scriptPath = join(dir, 'script.js');
  const summaryPath = join(dir, 'summary.json');
  const ndjsonPath = join(dir, 'k6.ndjson');
  writeFileSync(scriptPath, script);
  const p = $({ nothrow: true, quiet: true, signal, env: { ...process.env, TARGET_URL: targetUrl, SUMMARY_PATH: summaryPath } })`k6 run --quiet --out ${`json=${ndjsonPath}`} ${scriptPath}`;
  const out = await p;
  if (signal?.aborted) throw new Error('k6 was interrupted');
  if (out.exitCode !== 0 && out.exitCode !== 99) throw new Error(`k6 exited with ${out.exitCode}: ${out.stderr.slice(-500)}`);
  return { summaryJson: readFileSync(summaryPath, 'utf8'), ndjson: readFileSync(ndjsonPath, 'utf8'), exitCode: out.exitCode ?? 0 };
}
