// `scalelab submit`: any `scalelab` command that writes an --out folder (a training run, a reward-tuning run, an
// experiment) run once per index of an Indexed Job in its own namespace. Pod i runs the command with `{index}` in
// its arguments replaced by i and `--out` pointing into the pod, then hands the folder back as result ConfigMaps;
// the runner unpacks it into OUT/<i>/ (OUT itself for one pod) and deletes the Job and the namespace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.ts';
import { buildCommandJobManifests, type CommandJobSpec } from '../../stacks/manifests/indexed-job.ts';
import type { KubeRest } from './kube-rest.ts';
import { packFolder, unpackFolder, type PackedFile } from './folder-pack.ts';
import { readShardResults } from './shard-results.ts';
import type { RunningJob } from './indexed-job-run.ts';
import { DEFAULT_SWEEP_IMAGE, sweepNamespace } from './k8s-jobs-backend.ts';

export const COMMAND_RESULT_SCHEMA = 'scalelab.command-result/v1';
/** Commands that may be submitted (each writes its results into --out). */
export const SUBMITTABLE = ['train', 'tune-reward', 'run'] as const;

/** What one pod hands back. */
export interface CommandResult {
  schema: typeof COMMAND_RESULT_SCHEMA;
  index: number;
  count: number;
  ok: boolean;
  error?: string;
  exitCode: number;
  files: PackedFile[];
}

/** Throws a UserError naming what is wrong with the arguments to submit. */
export function checkSubmitArgs(args: readonly string[]): void {
  if (!(SUBMITTABLE as readonly string[]).includes(args[0])) throw new UserError(`submit: got command "${args[0] ?? ''}", expected one of ${SUBMITTABLE.join(', ')} (after --)`);
  if (args.some((a) => a === '--out' || a.startsWith('--out='))) throw new UserError('submit: leave --out out of the command; each pod writes into its own folder, which comes back to submit\'s --out');
}

/** The pod's work: run `scalelab ARGS --out TMP` with {index} replaced, pack TMP. Never throws. */
export async function runCommandInPod(o: { args: readonly string[]; index: number; count: number; scalelabBin: string; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  const out = mkdtempSync(join(tmpdir(), 'scalelab-job-'));
  const args = [...o.args.map((a) => a.replaceAll('{index}', String(o.index))), '--out', out];
  const head = { schema: COMMAND_RESULT_SCHEMA, index: o.index, count: o.count } as const;
  try {
    const { code, stderrTail } = await new Promise<{ code: number; stderrTail: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [o.scalelabBin, ...args], { stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, SCALELAB_QUIET: '1', ...o.env } });
      let tail = '';
      child.stderr.on('data', (c: Buffer) => {
        process.stderr.write(c);
        tail = (tail + c.toString('utf8')).slice(-2000);
      });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c ?? 1, stderrTail: tail }));
    });
    if (code !== 0) return { ...head, ok: false, exitCode: code, error: `scalelab ${args.join(' ')} exited with ${code}: ${stderrTail.trim().split('\n').slice(-3).join(' / ')}`, files: [] };
    return { ...head, ok: true, exitCode: 0, files: packFolder(out) };
  } catch (err) {
    return { ...head, ok: false, exitCode: 1, error: err instanceof Error ? err.message : String(err), files: [] };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** How to submit. */
export interface SubmitOptions {
  api: KubeRest;
  args: string[];
  parallelism: number;
  outDir: string;
  image?: string;
  cpuRequestMilli?: number;
  memoryRequestMiB?: number;
  activeDeadlineSeconds?: number;
  nameSuffix?: string;
  executor?: (job: RunningJob & { args: readonly string[] }) => Promise<void>;
  pollMs?: number;
  log: (line: string) => void;
  handleSignals?: boolean;
}

/** Use for `scalelab submit`: returns the folders written (OUT/<i>/, or OUT for one pod). */
export async function submitCommand(o: SubmitOptions): Promise<string[]> {
  checkSubmitArgs(o.args);
  const namespace = sweepNamespace(`${o.args[0]}`, o.nameSuffix ?? Date.now().toString(36));
  const spec: CommandJobSpec = {
    namespace, name: 'job', image: o.image ?? (process.env.SCALELAB_SWEEP_IMAGE || DEFAULT_SWEEP_IMAGE), parallelism: o.parallelism, args: o.args,
    cpuRequestMilli: o.cpuRequestMilli ?? 1000, memoryRequestMiB: o.memoryRequestMiB ?? 2048, backoffLimitPerIndex: 1, activeDeadlineSeconds: o.activeDeadlineSeconds ?? 86_400,
  };
  const manifests = buildCommandJobManifests(spec);
  const { validateManifest } = await import('../../stacks/manifests/validate-manifest.ts');
  for (const m of manifests) validateManifest(m);
  const { runIndexedJob } = await import('./indexed-job-run.ts');
  o.log(`namespace ${namespace}: Indexed Job of ${o.parallelism} pods running scalelab ${o.args.join(' ')}`);
  const { items, jobError } = await runIndexedJob(
    { api: o.api, manifests, namespace, jobName: spec.name, parallelism: o.parallelism, activeDeadlineSeconds: spec.activeDeadlineSeconds, pollMs: o.pollMs, log: o.log, handleSignals: o.handleSignals },
    (job) => (o.executor ?? ((j) => j.waitForJob()))({ ...job, args: o.args }),
  );
  const { results, problems } = readShardResults<CommandResult>(items, o.parallelism, COMMAND_RESULT_SCHEMA);
  const failed = [...results.values()].filter((r) => !r.ok).map((r) => `pod ${r.index}/${r.count} failed: ${r.error}`);
  if (failed.length > 0 || jobError !== undefined || problems.length > 0) {
    const why = jobError === undefined ? [] : [jobError instanceof Error ? jobError.message : String(jobError)];
    throw new Error([...failed, ...why, ...problems].join('\n'), { cause: jobError });
  }
  return [...results.values()].sort((a, b) => a.index - b.index).map((r) => {
    const dir = o.parallelism === 1 ? o.outDir : join(o.outDir, String(r.index));
    unpackFolder(r.files, dir);
    return dir;
  });
}
