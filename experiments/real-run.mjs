#!/usr/bin/env zx
// The real-cluster flow of `scalelab run EXPERIMENT --backend microk8s`, as a script to read and edit. Every step
// calls the same library code the CLI uses (TypeScript, loaded through tsx), so a change here is a change of the
// flow, not of its parts.
//
//   npx zx experiments/real-run.mjs [experiment] [--out DIR] [--create-cluster] [--estimate-only]
//
// experiment: a shipped name (default real-smoke) or a path to an experiment .json file.
// Environment: PULUMI_CONFIG_PASSPHRASE (local Pulumi backend), SCALELAB_CLUSTER_STACK (default cluster),
// SCALELAB_AGENT_IMAGE (agent cells). See docs/real-path.md.
import { tsImport } from 'tsx/esm/api';

const lib = (path) => tsImport(new URL(path, import.meta.url).href, import.meta.url);
const { loadExperiment } = await lib('./load-experiment.ts');
const { expandCells } = await lib('./cells.ts');
const { codeVersion } = await lib('./code-version.ts');
const { automationStackDriver } = await lib('./kube/pulumi-stacks.ts');
const { preflight } = await lib('./kube/preflight.ts');
const { runExperiment } = await lib('./runner.ts');
const { formatSummaryTable, summarizeRecords } = await lib('./summary.ts');
const { buildWorkload } = await lib('../workloads/index.ts');
const { traceLoader } = await lib('./load-trace.ts');

const root = path.resolve(__dirname, '..');
$.cwd = root;
const name = String(argv._[0] ?? 'real-smoke');
const clusterStack = process.env.SCALELAB_CLUSTER_STACK || 'cluster';
const fail = (message) => {
  echo(chalk.red(`real-run: ${message}`));
  process.exit(2);
};

// 1. Tools: pulumi does the work; k6 is optional (without it each cell's stack runs k6 as a Job).
if (!(await which('pulumi', { nothrow: true }))) fail('pulumi is not on PATH: curl -fsSL https://get.pulumi.com | sh');
const hasK6 = Boolean(await which('k6', { nothrow: true }));

// 2. The cluster stack (Multipass VMs + MicroK8s), created on request; a no-op when it is up to date.
if (argv['create-cluster']) await $`pulumi up --yes --stack ${clusterStack}`;

// 3. The experiment, its cells, and the checks before the first cell: passphrase, cluster outputs, fit, real time.
let loaded;
try {
  loaded = await loadExperiment(name);
} catch (err) {
  fail(err.message);
}
const cells = expandCells(loaded.def, { codeVersion: codeVersion() });
const stacks = automationStackDriver(root, (text) => process.stderr.write(text));
const loadSecondsOf = (cell) => buildWorkload(cell.config.workload, { seed: cell.seed, loadTrace: traceLoader(loaded.baseDir) }).durationSeconds;
try {
  await preflight(cells, { stacks, clusterStack, env: process.env, k6InCluster: !hasK6, loadSecondsOf, log: (line) => echo(line) });
} catch (err) {
  fail(err.message);
}
if (argv['estimate-only']) process.exit(0);

// 4. Every cell, one at a time: pulumi up → nginx Ready → k6 → one window → query_range → record → pulumi destroy.
//    Ctrl-C stops k6 and destroys the running cell's stack; run the script again to resume.
const outDir = path.resolve(argv.out ?? path.join(root, 'reports/out', `${loaded.def.name}-microk8s`));
const result = await runExperiment({ def: loaded.def, outDir, baseDir: loaded.baseDir, workers: 1, backend: 'microk8s' });
echo(formatSummaryTable(summarizeRecords(result.records)));

// 5. The report, from the records alone (the same code as for simulated records).
await $`node bin/scalelab.js reproduce --records ${result.recordsPath} --out ${outDir}`;
