// `scalelab compare A B [--out DIR] [--threshold PCT] [--json]`: the same cells run on two backends (e.g. an
// experiment with `--backend emulated` and with `--backend sim`) side by side — each cell's headline metrics on
// both, the difference, "disagree" above the threshold — and a chart of their per-minute series overlaid.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildCompareTable, compareChart, compareMetrics, pairCells, renderCompareHtml, renderCompareMarkdown } from '../../reports/backend-compare/index.ts';
import { renderTableText } from '../../reports/index.ts';
import { writeTextAtomically as writeFileAtomic } from '../../experiments/records-file.ts';
import { readUsableRecords } from '../read-usable-records.ts';
import { checkOutDir, nonEmptyPath } from '../out-dir.ts';
import { UserError } from '../errors.ts';

/** A records file, or an output folder holding records.jsonl. */
function recordsPath(arg: string): string {
  if (existsSync(arg) && statSync(arg).isDirectory()) return join(arg, 'records.jsonl');
  return arg;
}

/** Registers `scalelab compare`. */
export function register(program: Command): void {
  program
    .command('compare')
    .description('the same cells on two backends side by side (e.g. emulated vs sim): metrics, differences, series chart')
    .argument('<a>', 'records.jsonl (or the --out folder of a scalelab run) of the first backend')
    .argument('<b>', 'records.jsonl (or folder) of the second backend, same experiment')
    .option('--out <dir>', 'write compare.md, index.html and compare.svg here', nonEmptyPath)
    .option('--threshold <pct>', 'relative difference above which a metric is marked "disagree", %', '20')
    .option('--json', 'print the comparison as JSON')
    .addHelpText('after', '\nCells pair by scenario/autoscaler/seed and must have the same configuration hash.\nExit codes: 0 done, 2 bad input (unreadable records, no cell in common, bad flag).')
    .action(async (aArg: string, bArg: string, flags: { out?: string; threshold: string; json?: boolean }) => {
      const pct = Number(flags.threshold);
      if (flags.threshold.trim() === '' || !Number.isFinite(pct) || pct <= 0 || pct > 1000) throw new UserError(`--threshold: got "${flags.threshold}", expected a percentage > 0 and ≤ 1000`);
      checkOutDir(flags.out);
      const warn = (line: string): void => void process.stderr.write(`scalelab compare: warning: ${line}\n`);
      const [pa, pb] = [recordsPath(aArg), recordsPath(bArg)];
      const a = readUsableRecords(pa, warn);
      const b = readUsableRecords(pb, warn);
      const backendOf = (rs: typeof a, fallback: string) => [...new Set(rs.map((r) => r.backend))].join('+') || fallback;
      let names = { a: backendOf(a, pa), b: backendOf(b, pb) };
      if (names.a === names.b) names = { a: `${names.a} (${aArg})`, b: `${names.b} (${bArg})` };
      const { pairs, unpaired } = pairCells(a, b, names);
      if (pairs.length === 0) throw new UserError(`no cell in common between ${pa} and ${pb}:\n  ${unpaired.slice(0, 10).join('\n  ')}`);
      const threshold = pct / 100;
      const rows = compareMetrics(pairs, threshold);
      const table = buildCompareTable(rows, names, threshold);
      if (flags.json) process.stdout.write(`${JSON.stringify({ backends: names, cells: pairs.map((p) => p.key), metrics: rows, unpaired }, null, 2)}\n`);
      else {
        process.stdout.write(`${renderTableText(table)}\n`);
        if (unpaired.length) process.stdout.write(`\nnot compared:\n  ${unpaired.join('\n  ')}\n`);
      }
      if (flags.out) {
        const chart = await compareChart(pairs, names);
        const experiments = [...new Set([...a, ...b].map((r) => r.experiment))].join(', ');
        const doc = {
          title: `${experiments}: ${names.a} vs ${names.b}`,
          intro: [
            `${pairs.length} cell(s) ran on both backends with the same configuration. ${rows.filter((r) => r.disagree).length} of ${rows.length} metric values differ by more than ${pct} %.`,
            'Read a disagreement with the chart: a different load (k6 stand-in vs simulated arrivals), a different replica path (the real controller\'s sync phase and metrics timing vs the simulator\'s), or a different latency model at the same pods.',
          ],
          table,
          chart,
          unpaired,
        };
        writeFileAtomic(join(flags.out, 'compare.md'), renderCompareMarkdown(doc));
        writeFileAtomic(join(flags.out, 'index.html'), renderCompareHtml(doc));
        if (chart) writeFileAtomic(join(flags.out, 'compare.svg'), chart.svg);
        process.stderr.write(`scalelab compare: wrote ${join(flags.out, 'index.html')}\n`);
      }
    });
}
