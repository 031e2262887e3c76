import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { estimateRealRun } from '../../../experiments/kube/real-run-estimate.ts';
import { parseExperiment } from '../../../experiments/experiment.ts';
import { expandCells } from '../../../experiments/cells.ts';
import { traceLoader } from '../../../experiments/load-trace.ts';
import { buildWorkload } from '../../../workloads/index.ts';
import { parseClusterConfig } from '../../../stacks/cluster-config.ts';
import { SCENARIO_CONFIG_KEYS } from '../../../stacks/scenario-config.ts';
import YAML from 'yaml';

const defs = resolve(import.meta.dirname, '../../../experiments/defs');
const load = async (name: string) => expandCells(await parseExperiment(JSON.parse(readFileSync(resolve(defs, `${name}.json`), 'utf8')), { source: name, loadTrace: traceLoader(defs), baseDir: defs }));
const seconds = (cell: Awaited<ReturnType<typeof load>>[number]) => buildWorkload(cell.config.workload, { seed: cell.seed, loadTrace: traceLoader(defs) }).durationSeconds;
// The committed cluster stack (Pulumi.cluster.yaml): 1 VM, 4 vCPU, 8 GiB.
const committed = () => {
  const y = YAML.parse(readFileSync(resolve(import.meta.dirname, '../../../Pulumi.cluster.yaml'), 'utf8')).config as Record<string, string>;
  return parseClusterConfig(Object.fromEntries(Object.entries(y).map(([k, v]) => [k.replace(/^scalelab:/, ''), v])), Object.keys(SCENARIO_CONFIG_KEYS));
};

test('standard does not fit the committed cluster: 20 × (250m + 10m) + the agent = 5.3 vCPU against 4 − 1.5; 210 cells ≈ 234.5 h', async () => {
  const e = estimateRealRun(await load('standard'), committed(), { k6InCluster: false, loadSecondsOf: seconds });
  assert.not.ok(e.feasible);
  assert.equal(e.peak, { cpuMilli: 5300, memoryMiB: 20 * 272 + 256 });
  assert.equal(e.allocatable, { cpuMilli: 2500, memoryMiB: 5120 });
  // 210 cells × (3600 s of load + 420 s of pulumi up/destroy), by hand: 234.5 h.
  assert.is(e.realSeconds, 210 * 4020);
  assert.match(e.text, /scalelab:nodeCount 2 /);
});

test('real-smoke fits the committed cluster, with k6 local or in the cluster, and takes under 2 h', async () => {
  const cells = await load('real-smoke');
  assert.is(cells.length, 4);
  for (const k6InCluster of [false, true]) {
    const e = estimateRealRun(cells, committed(), { k6InCluster, loadSecondsOf: seconds });
    assert.ok(e.feasible, e.text);
    assert.ok(e.realSeconds < 2 * 3600, `${e.realSeconds} s`);
  }
  assert.equal([...new Set(cells.map((c) => (c.config.autoscaler as { type: string }).type))], ['hpa', 'hybrid']);
});
