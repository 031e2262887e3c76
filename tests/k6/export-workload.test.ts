import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportK6Script } from '../../k6/export-workload.ts';
import { importK6Script, k6Workload, planK6Options, thesisScenario } from '../../workloads/index.ts';

// Independent check: read the exported script back with the workloads module's static k6 importer and k6
// semantics (written to k6's own executor rules), and compare the load with the workload it came from.
function roundTrip(script: string) {
  const imported = importK6Script(script);
  return k6Workload(planK6Options(imported.options));
}

test('an exported thesis spike, read back with k6 semantics, offers the same load at every second', () => {
  const original = thesisScenario('sudden-spike', { baseRps: 100, peakRps: 400, durationSeconds: 600 });
  const back = roundTrip(exportK6Script('sudden-spike', { baseRps: 100, peakRps: 400, durationSeconds: 600 }));
  assert.is(back.kind, 'open');
  assert.is(back.durationSeconds, 600);
  if (back.kind !== 'open') return;
  // Exact away from the 1 s jumps (the script ramps over one second where the pattern jumps).
  for (let t = 0; t < 600; t++) {
    if (t === 239 || t === 299) continue;
    assert.ok(Math.abs(back.rateAt(t + 0.5) - original.rateAt(t + 0.5)) < 1e-9, `t=${t + 0.5}: ${back.rateAt(t + 0.5)} vs ${original.rateAt(t + 0.5)}`);
  }
});

test('a WorkloadSpec file exports too, and bad input names the argument', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-k6-export-'));
  try {
    const file = join(dir, 'steady.json');
    writeFileSync(file, JSON.stringify({ type: 'steady', rps: 2.5, durationSeconds: 120 }));
    const back = roundTrip(exportK6Script(file));
    assert.is(back.kind, 'open');
    if (back.kind === 'open') assert.is(back.rateAt(60), 2.5); // 150 per minute
    writeFileSync(join(dir, 'bad.json'), '{');
    assert.throws(() => exportK6Script(join(dir, 'bad.json')), /not valid JSON/);
    assert.throws(() => exportK6Script('no-such-scenario'), /WORKLOAD: got "no-such-scenario"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`scalelab k6 export` with an unknown workload: exit 2, the message once, no stack trace', () => {
  const r = spawnSync(process.execPath, ['bin/scalelab.js', 'k6', 'export', 'nosuchworkload'], { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr.match(/got "nosuchworkload", expected a thesis scenario name/g)?.length, 1, r.stderr);
  assert.not.match(r.stderr, /\n\s+at /);
});
