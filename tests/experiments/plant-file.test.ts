// `"plant": "path/to/plant.json"` in an experiment: the named file's full plant config is what every cell runs
// on (end to end: file → experiment → run → record), and a bad file is refused naming it.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expandCells, loadExperiment, runSimCell } from '../../experiments/index.ts';
import { defaultPlantConfig } from '../../sim/config.ts';
import { UserError } from '../../cli/errors.ts';

const repo = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'scalelab-plant-file-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// A full plant unlike the defaults in the fields calibration fits, kept in a subfolder to check relative paths.
const plant = { ...defaultPlantConfig, cpuPerRequestCoreSeconds: 0.008, baseServiceTimeMs: 40, startupMedianSeconds: 45, maxReplicas: 12 };
mkdirSync(join(dir, 'plants'));
writeFileSync(join(dir, 'plants', 'calibrated.json'), JSON.stringify(plant, null, 2));

function experiment(name: string, plantRef: unknown): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    name, seeds: [3], plant: plantRef,
    scenarios: [{ name: 'steady', workload: { type: 'steady', rps: 80, durationSeconds: 180 } }],
    autoscalers: [{ name: 'hpa-70', type: 'hpa', targetCpuUtilization: 70 }],
  }));
  return file;
}

test('an experiment naming a plant file runs on exactly that plant: each record’s config.plant equals the file', async () => {
  const loaded = await loadExperiment(experiment('by-file', 'plants/calibrated.json'));
  const cells = expandCells(loaded.def);
  assert.is(cells.length, 1);
  const record = await runSimCell(cells[0], { baseDir: loaded.baseDir });
  assert.equal(record.config.plant, plant);
  // The same run with the same values inline gives the same record: the file is only another way to say them.
  const inline = await loadExperiment(experiment('by-file', plant));
  assert.equal(await runSimCell(expandCells(inline.def)[0], { baseDir: inline.baseDir }), record);
});

const refusals: { title: string; setup: () => string; says: RegExp }[] = [
  { title: 'a missing file', setup: () => 'plants/none.json', says: /plant: cannot read plant config file plants\/none\.json: no such file/ },
  { title: 'a file that is not JSON', setup: () => (writeFileSync(join(dir, 'plants', 'text.json'), 'cpu: 1'), 'plants/text.json'), says: /plant file plants\/text\.json: cannot read it as JSON/ },
  { title: 'a partial config (overrides belong inline)', setup: () => (writeFileSync(join(dir, 'plants', 'partial.json'), '{"maxReplicas": 4}'), 'plants/partial.json'), says: /plant file plants\/partial\.json: tickSeconds: got nothing \(missing\)/ },
  { title: 'an unknown field', setup: () => (writeFileSync(join(dir, 'plants', 'extra.json'), JSON.stringify({ ...plant, cpuMilli: 1 })), 'plants/extra.json'), says: /plant file plants\/extra\.json: cpuMilli: got 1, expected no such field/ },
  { title: 'a cross-field violation', setup: () => (writeFileSync(join(dir, 'plants', 'limit.json'), JSON.stringify({ ...plant, cpuLimitMilli: 100 })), 'plants/limit.json'), says: /plant file plants\/limit\.json: cpuLimitMilli: got 100, expected ≥ cpuRequestMilli \(250\)/ },
  { title: 'an empty path', setup: () => '', says: /plant: got "", expected a non-empty path/ },
];
for (const r of refusals) {
  test(`a plant reference to ${r.title} is refused with a message naming the file`, async () => {
    try {
      await loadExperiment(experiment('bad', r.setup()));
      assert.unreachable('loaded');
    } catch (err) {
      assert.instance(err, UserError);
      assert.match((err as Error).message, r.says);
    }
  });
}

test('`scalelab run` on an experiment naming a missing plant file exits 2 naming it', () => {
  const r = spawnSync(process.execPath, ['bin/scalelab.js', 'run', experiment('cli-bad', 'plants/gone.json'), '--out', join(dir, 'out')], { cwd: repo, encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /plants\/gone\.json: no such file/);
  assert.not.match(r.stderr, /\n\s+at /);
});

test('scenario overrides apply on top of the plant file', async () => {
  const file = join(dir, 'with-override.json');
  writeFileSync(file, JSON.stringify({
    name: 'with-override', seeds: [1], plant: 'plants/calibrated.json',
    scenarios: [{ name: 'steady', workload: { type: 'steady', rps: 80, durationSeconds: 60 }, plant: { maxReplicas: 7 } }],
    autoscalers: [{ name: 'hpa-70', type: 'hpa', targetCpuUtilization: 70 }],
  }));
  const [cell] = expandCells((await loadExperiment(file)).def);
  assert.equal(cell.config.plant, { ...plant, maxReplicas: 7 });
});
