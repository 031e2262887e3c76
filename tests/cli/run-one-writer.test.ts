// Issue 16 item 1 through bin/scalelab.js: two `scalelab run`s into one --out, a stale lock, an empty --out.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_PATH, tempDir } from '../experiments/helpers/tiny.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const env = { ...process.env, SCALELAB_QUIET: '1' };

function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, done };
}

test('two concurrent `scalelab run`s into one --out: the second is refused with exit 2 naming the first, and no record is lost', async () => {
  const out = tempDir('two-writers');
  // The standard experiment on one worker runs for seconds, long enough for the second to start while it holds OUT.
  const first = start(['run', 'standard', '--out', out, '--workers', '1']);
  const lockFile = join(out, '.scalelab.lock');
  for (let i = 0; i < 600 && !existsSync(lockFile); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(existsSync(lockFile), 'the first run holds the folder');
  const second = start(['run', 'standard', '--out', out, '--workers', '1']);
  const [a, b] = await Promise.all([first.done, second.done]);
  assert.is(b.code, 2, b.stderr);
  assert.match(b.stderr, new RegExp(`^scalelab: ${out} is in use by another writer: scalelab run standard \\(pid ${first.child.pid} on host ${hostname()}`, 'm'));
  assert.is(a.code, 0, a.stderr);
  const lines = readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n');
  assert.is(lines.length, 210, 'every cell of 7 scenarios × 6 autoscalers × 5 seeds');
  assert.is(new Set(lines.map((l) => { const r = JSON.parse(l); return `${r.scenario}/${r.autoscaler}/${r.seed}`; })).size, 210);
  assert.is(JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8')).cells.length, 210);
  assert.not.ok(existsSync(lockFile), 'released at the end');
});

test('a stale lock left by a killed run is taken over (with a note) and the run completes', () => {
  const out = tempDir('stale');
  const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  writeFileSync(join(out, '.scalelab.lock'), JSON.stringify({ pid: dead, host: hostname(), command: 'scalelab run tiny', since: '2026-12-06T08:00:00.000Z', token: 'x' }));
  const r = spawnSync(process.execPath, [BIN, 'run', TINY_PATH, '--out', out, '--workers', '1'], { env, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, `took over the stale lock of ${out} (scalelab run tiny, pid ${dead} on host ${hostname()} no longer runs)`);
  assert.is(readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n').length, 8);
  assert.not.ok(existsSync(join(out, '.scalelab.lock')));
});

test('train, tune-reward and reproduce refuse a folder another writer holds (exit 2, holder named) before any work', async () => {
  const out = tempDir('held');
  const script = `import { lockFolder } from ${JSON.stringify(new URL('../../experiments/folder-lock.ts', import.meta.url).href)};
lockFolder(${JSON.stringify(out)}, 'scalelab train dqn'); process.stdout.write('held\\n'); setTimeout(() => {}, 60000);`;
  const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d) => String(d).includes('held') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    for (const cmd of [['train', 'dqn', '--steps', '50'], ['tune-reward', '--trials', '1'], ['reproduce', 'n30']]) {
      const r = spawnSync(process.execPath, [BIN, ...cmd, '--out', out], { env, encoding: 'utf8' });
      assert.is(r.status, 2, `${cmd.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, `is in use by another writer: scalelab train dqn (pid ${holder.pid} on host ${hostname()}`, cmd.join(' '));
    }
    assert.equal(readdirSync(out), ['.scalelab.lock'], 'nothing was written');
  } finally {
    holder.kill('SIGKILL');
  }
});

test('an empty --out is refused (exit 2) instead of writing into the current folder', () => {
  for (const cmd of [['run', TINY_PATH], ['reproduce', 'n30'], ['train', 'dqn'], ['tune-reward']]) {
    const r = spawnSync(process.execPath, [BIN, ...cmd, '--out', ''], { env, encoding: 'utf8', cwd: tempDir('empty-out') });
    assert.is(r.status, 2, `${cmd.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, "option '--out <dir>' argument '' is invalid. expected a non-empty path", cmd.join(' '));
  }
});
