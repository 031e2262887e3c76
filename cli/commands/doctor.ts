// `scalelab doctor [--json] [--experiment NAME]`: checks what the real path needs, each failure with a one-line
// fix (experiments/doctor/checks.ts); exit 0 only when every check passes.
import type { Command } from 'commander';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';

/** Registers `scalelab doctor`. */
export function register(program: Command): void {
  const command = program
    .command('doctor')
    .description('check what the real path needs (tools, Pulumi, cluster, RBAC, Prometheus, capacity), each with a fix');
  addOutputOption(command, 'print { "ok": bool, "checks": [{ "name", "ok", "detail", "fix" }] } (same as -o json)')
    .option('--experiment <name>', 'also estimate this experiment\'s peak CPU/memory against the cluster and its real-time length')
    .option('--cluster-stack <name>', 'the cluster stack (env SCALELAB_CLUSTER_STACK, default cluster)')
    .addHelpText('after', '\nExit codes: 0 every check passed, 1 a check failed, 2 bad input (e.g. an unknown experiment).')
    .action(async (flags: { output: OutputFormat; experiment?: string; clusterStack?: string }) => {
      const { runDoctor } = await import('../../experiments/doctor/checks.ts');
      const { realProbes } = await import('../../experiments/doctor/probes.ts');
      const clusterStack = flags.clusterStack ?? process.env.SCALELAB_CLUSTER_STACK ?? 'cluster';
      const report = await runDoctor(realProbes(), { clusterStack, experiment: flags.experiment });
      process.stdout.write(formatOutput(flags.output, report, () => `${formatReport(report.checks)}\n`));
      process.exitCode = report.ok ? 0 : 1;
    });
}

/** One line per check (✓/✗ name: detail) and the fix under each failure. */
export function formatReport(checks: readonly { name: string; ok: boolean; detail: string; fix: string }[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.flatMap((c) => [`${c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.detail}`, ...(c.ok ? [] : [`  ${' '.repeat(width)}  fix: ${c.fix}`])]);
  const failed = checks.filter((c) => !c.ok).length;
  return [...lines, '', failed === 0 ? `all ${checks.length} checks passed` : `${failed} of ${checks.length} checks failed`].join('\n');
}
