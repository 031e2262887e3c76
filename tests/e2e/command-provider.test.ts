// The command provider stand-in under the REAL Pulumi CLI (3.248, built by `npm run tools`), the Node.js language
// host and a local file backend: a tiny program with one command.local.Command goes through preview, create, an
// unchanged up, an update, a trigger replace, destroy, and a failing create. Each command appends to a log file,
// so the test sees exactly which commands ran and in what order. Fails (never skips) when the tools are missing.
import { test, after } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const toolsBin = process.env.SCALELAB_TOOLS_BIN ?? join(root, '.tools', 'bin');
const work = (() => { mkdirSync(join(root, '.tmp'), { recursive: true }); return mkdtempSync(join(root, '.tmp', 'e2e-command-provider-')); })();
const project = join(work, 'project');
const events = join(work, 'events.log');

// One Command whose create/update/delete each append a line (with the previous stdout where the provider sets
// it), a local.runOutput invoke, and an optional always-failing Command.
const PROGRAM = `import * as pulumi from '@pulumi/pulumi';
import * as command from '@pulumi/command';
const cfg = new pulumi.Config();
const log = ${JSON.stringify(events)};
const probe = new command.local.Command('probe', {
  create: \`echo "create $MSG" >> \${log}; echo "created $MSG"\`,
  update: \`echo "update $MSG prev=$PULUMI_COMMAND_STDOUT" >> \${log}; echo "updated $MSG"\`,
  delete: \`echo "delete prev=$PULUMI_COMMAND_STDOUT" >> \${log}\`,
  environment: { MSG: cfg.require('msg') },
  triggers: [cfg.require('trigger')],
});
export const stdout = probe.stdout;
export const ran = command.local.runOutput({ command: 'echo ran' }).stdout;
if (cfg.getBoolean('fail')) new command.local.Command('failing', { create: 'echo before-failure; echo broken >&2; exit 3' });
`;

function pulumi(args: string[]): { status: number | null; out: string } {
  const env = {
    ...process.env,
    PATH: [join(root, 'emulated', 'bin'), toolsBin, process.env.PATH].join(':'),
    PULUMI_HOME: join(work, 'home'),
    PULUMI_BACKEND_URL: `file://${join(work, 'state')}`,
    PULUMI_CONFIG_PASSPHRASE: 'test',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    NODE_OPTIONS: `--import ${join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')}`,
  };
  const r = spawnSync(join(toolsBin, 'pulumi'), [...args, '--non-interactive', '--cwd', project], { env, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
function ok(args: string[]): string {
  const r = pulumi(args);
  if (r.status !== 0) throw new Error(`pulumi ${args.join(' ')} exited ${r.status}:\n${r.out}`);
  return r.out;
}
const lines = () => (existsSync(events) ? readFileSync(events, 'utf8').trim().split('\n').filter(Boolean) : []);
const output = (name: string) => ok(['stack', 'output', name]).trim();
const probeId = () => {
  const state = JSON.parse(ok(['stack', 'export'])) as { deployment: { resources?: { type: string; id?: string; urn: string }[] } };
  return state.deployment.resources?.find((r) => r.type === 'command:local:Command' && r.urn.endsWith('::probe'))?.id;
};
const up = (config: Record<string, string>) => ok(['up', '--yes', '--skip-preview', ...Object.entries(config).flatMap(([k, v]) => ['-c', `${k}=${v}`])]);

test('the real Pulumi CLI and Node.js language host are installed, and a stack starts on a local backend', () => {
  for (const tool of ['pulumi', 'pulumi-language-nodejs']) {
    assert.ok(existsSync(join(toolsBin, tool)), `${tool} not found in ${toolsBin}: run \`npm run tools\` first (or set SCALELAB_TOOLS_BIN)`);
  }
  mkdirSync(project, { recursive: true });
  mkdirSync(join(work, 'state'), { recursive: true });
  assert.match(ok(['version']), /^v3\.248\.0/);
  writeFileSync(join(project, 'Pulumi.yaml'), 'name: cmdprov-e2e\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.ts\n');
  writeFileSync(join(project, 'package.json'), '{ "name": "cmdprov-e2e", "type": "module", "private": true }\n');
  writeFileSync(join(project, 'index.ts'), PROGRAM);
  ok(['stack', 'init', 'dev']);
});

after(() => {
  if (process.env.SCALELAB_KEEP_E2E !== '1') rmSync(work, { recursive: true, force: true });
});

test('preview runs no command (the resource is only planned)', () => {
  const out = ok(['preview', '-c', 'msg=a', '-c', 'trigger=t1']);
  assert.match(out, /command:local:Command\s+probe\s+create/);
  assert.equal(lines(), []);
});

test('up creates: the create command runs once and stdout is the stack output (one newline trimmed)', () => {
  up({ msg: 'a', trigger: 't1' });
  assert.equal(lines(), ['create a']);
  assert.is(output('stdout'), 'created a');
  assert.is(output('ran'), 'ran');
  assert.match(probeId() ?? '', /^probe[0-9a-f]{8}$/);
});

test('a second up with the same inputs runs nothing, nor does a refresh', () => {
  const out = up({ msg: 'a', trigger: 't1' });
  assert.equal(lines(), ['create a']);
  assert.match(out, /unchanged/);
  ok(['refresh', '--yes', '--skip-preview']);
  assert.equal(lines(), ['create a']);
  assert.match(ok(['preview', '--expect-no-changes']), /unchanged/);
});

test('a changed input updates in place: the update command runs with the previous stdout', () => {
  const before = probeId();
  up({ msg: 'b', trigger: 't1' });
  assert.equal(lines(), ['create a', 'update b prev=created a']);
  assert.is(output('stdout'), 'updated b');
  assert.is(probeId(), before, 'same resource ID after an update');
});

test('a changed trigger replaces: a new create, then the old one\'s delete (create before delete)', () => {
  const before = probeId();
  const out = up({ msg: 'b', trigger: 't2' });
  assert.equal(lines(), ['create a', 'update b prev=created a', 'create b', 'delete prev=updated b']);
  assert.is(output('stdout'), 'created b');
  assert.is.not(probeId(), before, 'a replacement gets a new ID');
  assert.match(out, /replaced/);
});

test('a failing create fails the up with the command\'s output, and the stack records no such resource', () => {
  const r = pulumi(['up', '--yes', '--skip-preview', '-c', 'fail=true']);
  assert.is.not(r.status, 0);
  assert.match(r.out, 'exit status 3: running "echo before-failure; echo broken >&2; exit 3"');
  assert.match(r.out, /broken/);
  const state = JSON.parse(ok(['stack', 'export'])) as { deployment: { resources?: { urn: string }[] } };
  assert.not.ok(state.deployment.resources?.some((x) => x.urn.endsWith('::failing')));
  ok(['config', 'rm', 'fail']);
});

test('destroy runs the delete command with PULUMI_COMMAND_STDOUT of the last run', () => {
  ok(['destroy', '--yes', '--skip-preview']);
  assert.equal(lines().slice(-1), ['delete prev=created b']);
  assert.is(lines().length, 5);
  ok(['stack', 'rm', '--yes', 'dev']);
});
