// `scalelab doctor` as a user runs it, on this machine with a PATH holding none of the real path's tools.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../experiments/helpers/tiny.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const home = tempDir('doctor-home');
const doctor = (...args: string[]) => spawnSync(process.execPath, [BIN, 'doctor', ...args], { encoding: 'utf8', env: { PATH: tempDir('doctor-path'), HOME: home } });

test('doctor --json without pulumi, multipass and k6: exit 1, the documented shape, a one-line fix per missing tool', () => {
  const r = doctor('--json');
  assert.is(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(Object.keys(report), ['ok', 'checks']);
  assert.is(report.ok, false);
  for (const c of report.checks) assert.equal(Object.keys(c), ['name', 'ok', 'detail', 'fix']);
  const byName = Object.fromEntries(report.checks.map((c: { name: string }) => [c.name, c]));
  assert.ok(byName.node.ok);
  for (const tool of ['pulumi', 'multipass', 'k6']) {
    assert.is(byName[tool].ok, false, tool);
    assert.match(byName[tool].detail, new RegExp(`^${tool} is not on PATH`));
    assert.ok(byName[tool].fix.length > 0 && !byName[tool].fix.includes('\n'), tool);
  }
});

test('doctor --experiment with an unknown experiment exits 2 naming it', () => {
  const r = doctor('--experiment', 'no-such-experiment');
  assert.is(r.status, 2);
  assert.match(r.stderr, /^scalelab: EXPERIMENT: got "no-such-experiment"/m);
});

