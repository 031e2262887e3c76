// The scalelab CLI run in this process with its output captured: exit code, stdout and stderr.
import { main } from '../../../cli/main.ts';

/** Use in a CLI test: `scalelab ARGS…` as `main` runs it, process.exitCode restored to 0 afterwards. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string) => ((out += c), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => ((err += c), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await main(['node', 'scalelab', ...args]);
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}
