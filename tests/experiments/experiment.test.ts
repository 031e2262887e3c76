import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseExperiment } from '../../experiments/experiment.ts';
import { loadExperiment, shippedExperimentNames } from '../../experiments/load-experiment.ts';
import { traceLoader } from '../../experiments/load-trace.ts';
import { UserError } from '../../cli/errors.ts';
import { TINY_PATH } from './helpers/tiny.ts';

const tiny = JSON.parse(readFileSync(TINY_PATH, 'utf8'));
const options = { source: 'tiny', loadTrace: traceLoader(dirname(TINY_PATH)), baseDir: dirname(TINY_PATH) };
const clone = () => JSON.parse(JSON.stringify(tiny));

test('experiment: the tiny fixture and the shipped standard experiment are valid', async () => {
  const def = await parseExperiment(clone(), options);
  assert.is(def.name, 'tiny');
  assert.ok(shippedExperimentNames().includes('standard'));
  const standard = await loadExperiment('standard');
  assert.equal(standard.def.scenarios.map((s) => s.name), ['steady', 'gradual-ramp', 'sudden-spike', 'daily-pattern', 'idle-periods', 'flash-crowd', 'twitter']);
  assert.equal(standard.def.autoscalers.map((a) => a.type), ['hpa', 'rule-based', 'thesis-hpa', 'thesis-threshold', 'kpa', 'predictive']);
});

const bad: { title: string; edit: (e: any) => void; field: string }[] = [
  { title: 'a missing name', edit: (e) => delete e.name, field: 'name' },
  { title: 'an unknown top-level field', edit: (e) => (e.seed = [1]), field: 'seed' },
  { title: 'a fractional seed', edit: (e) => (e.seeds = [1, 2.5]), field: 'seeds[1]' },
  { title: 'repeated seeds', edit: (e) => (e.seeds = [3, 3]), field: 'seeds' },
  { title: 'an unknown plant key', edit: (e) => (e.plant.maxReplica = 5), field: 'plant.maxReplica' },
  { title: 'an impossible plant value', edit: (e) => (e.plant.maxReplicas = 0), field: 'plant.maxReplicas' },
  { title: 'a bad per-scenario plant value', edit: (e) => (e.scenarios[1].plant.cpuLimitMilli = 100), field: 'scenarios[1].plant.cpuLimitMilli' },
  { title: 'no scenarios', edit: (e) => (e.scenarios = []), field: 'scenarios' },
  { title: 'two scenarios with one name', edit: (e) => (e.scenarios[1].name = 'spike'), field: 'scenarios[1].name' },
  { title: 'a bad workload parameter', edit: (e) => (e.scenarios[0].workload.peakRps = -5), field: 'scenarios[0].workload.peakRps' },
  { title: 'an unknown workload type', edit: (e) => (e.scenarios[0].workload.type = 'sine'), field: 'scenarios[0].workload.type' },
  { title: 'a zero scenario duration', edit: (e) => (e.scenarios[0].durationSeconds = 0), field: 'scenarios[0].durationSeconds' },
  { title: 'an unknown autoscaler type', edit: (e) => (e.autoscalers[1].type = 'vpa'), field: 'autoscalers[1].type' },
  { title: 'a misspelt autoscaler parameter', edit: (e) => (e.autoscalers[1].panicWindow = 6), field: 'autoscalers[1].panicWindow' },
  { title: 'a bad HPA target', edit: (e) => (e.autoscalers[0].targetCpuUtilization = 0), field: 'autoscalers[0].targetCpuUtilization' },
  { title: 'two autoscalers with one name', edit: (e) => (e.autoscalers[1].name = 'hpa-70'), field: 'autoscalers[1].name' },
];
for (const c of bad) {
  test(`experiment: refuses ${c.title}, naming ${c.field}`, async () => {
    const e = clone();
    c.edit(e);
    try {
      await parseExperiment(e, options);
      assert.unreachable('should have been refused');
    } catch (err) {
      assert.instance(err, UserError);
      assert.ok((err as Error).message.startsWith(`experiment tiny: ${c.field}:`), (err as Error).message);
      assert.is((err as UserError).exitCode, 2);
    }
  });
}

test('experiment: a missing trace file is reported with the scenario and the file', async () => {
  const e = clone();
  e.scenarios[1].workload.file = 'nope.csv';
  await parseExperiment(e, options).then(
    () => assert.unreachable(),
    (err) => assert.match((err as Error).message, /scenarios\[1\]\.workload: cannot read trace file nope\.csv/),
  );
});

test('experiment: an unknown shipped name lists the shipped experiments', async () => {
  await loadExperiment('standrad').then(
    () => assert.unreachable(),
    (err) => assert.match((err as Error).message, /EXPERIMENT: got "standrad", expected a shipped experiment \(.*standard/),
  );
});
