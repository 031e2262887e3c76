// A `multipass` stand-in for the emulated path: the cluster stack's real commands (launch, exec … microk8s …,
// info, delete) map onto the emulated cluster. Each "VM" is a kwok node; the first VM's launch starts the control
// plane. Output and exit codes follow multipass and microk8s where the stacks read them (`info --format json`,
// `microk8s config`, `add-node --format short`). Never on a user's real path: `.tools/bin` is put on PATH only by
// the emulated backend and the e2e tests.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readState } from './cluster-state.ts';
import { addNode, adminClient, clusterFiles, defaultSettings, down, enableAddons, isUp, launch, removeNode } from './control-plane.ts';
import { stateDir } from './paths.ts';

interface Vm { name: string; cpus: number; memoryGiB: number; diskGiB: number; release: string }

const dir = stateDir();
const vmsFile = join(dir, 'vms.json');
const readVms = (): Vm[] => (existsSync(vmsFile) ? JSON.parse(readFileSync(vmsFile, 'utf8')) : []);
const writeVms = (vms: Vm[]) => { mkdirSync(dir, { recursive: true }); writeFileSync(vmsFile, `${JSON.stringify(vms, null, 2)}\n`); };
const out = (s: string): void => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); };
function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
const log = (line: string) => process.stderr.write(`[multipass stand-in] ${line}\n`);

function flag(args: string[], name: string, short?: string): string | undefined {
  const i = args.findIndex((a) => a === name || (short !== undefined && a === short));
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}
const size = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number.parseFloat(v.replace(/[GgMm]$/, '')));

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'version': return out('multipass  1.14.0+scalelab-emulated\nmultipassd 1.14.0+scalelab-emulated');
    case 'launch': return launchVm(args);
    case 'exec': return exec(args);
    case 'info': return info(args);
    case 'list':
    case 'ls': return out(JSON.stringify({ list: readVms().map((v) => ({ name: v.name, state: 'Running', ipv4: ['127.0.0.1'], release: `Ubuntu ${v.release}` })) }, null, 2));
    case 'delete': return deleteVms(args);
    case 'stop':
    case 'start':
    case 'purge': return;
    default: fail(`multipass stand-in: '${cmd ?? ''}' is not emulated (launch, exec, info, list, delete)`);
  }
}

async function launchVm(args: string[]): Promise<void> {
  const name = flag(args, '--name', '-n') ?? fail('launch: --name is required by the emulated path');
  const vms = readVms();
  if (vms.some((v) => v.name === name)) fail(`launch failed: instance "${name}" already exists`, 2);
  const vm: Vm = { name, cpus: size(flag(args, '--cpus', '-c'), 1), memoryGiB: size(flag(args, '--memory', '-m'), 1), diskGiB: size(flag(args, '--disk', '-d'), 5), release: args.find((a) => /^\d+\.\d+$/.test(a)) ?? '24.04' };
  if (vms.length === 0) {
    const settings = defaultSettings();
    settings.nodes = [{ name, cpus: vm.cpus, memoryGiB: vm.memoryGiB }];
    const env = process.env;
    if (env.SCALELAB_EMULATED_HPA_SYNC_SECONDS) settings.hpaSyncPeriodSeconds = Number(env.SCALELAB_EMULATED_HPA_SYNC_SECONDS);
    if (env.SCALELAB_EMULATED_SCRAPE_SECONDS) settings.scrapeIntervalSeconds = Number(env.SCALELAB_EMULATED_SCRAPE_SECONDS);
    await launch(dir, settings, log);
  } else if (!isUp(readState(dir))) {
    fail(`launch failed: the emulated cluster behind "${vms[0].name}" is not running`, 1);
  }
  writeVms([...vms, vm]);
  out(`Launched: ${name}`);
}

async function exec(args: string[]): Promise<void> {
  const name = args[0];
  const vm = readVms().find((v) => v.name === name) ?? fail(`exec failed: instance "${name}" does not exist`, 2);
  const sep = args.indexOf('--');
  const command = (sep >= 0 ? args.slice(sep + 1) : args.slice(1)).filter((a) => a !== 'sudo');
  if (command[0] === 'snap' && command[1] === 'install') return out(`${command[2]} installed (emulated: the control plane runs on the host)`);
  if (command[0] === 'true' || command[0] === 'hostname') return out(command[0] === 'hostname' ? vm.name : '');
  if (command[0] !== 'microk8s') fail(`multipass stand-in: exec of ${JSON.stringify(command.join(' '))} is not emulated (only microk8s and snap install)`);
  const [sub, ...rest] = command.slice(1);
  const state = readState(dir);
  switch (sub) {
    case 'status':
      if (!isUp(state)) fail('microk8s is not running. Use microk8s inspect for a deeper inspection.', 1);
      return out(`microk8s is running\naddons:\n  enabled:\n${state.addons.map((a) => `    ${a}`).join('\n')}`);
    case 'enable': {
      const addons = rest.filter((a) => !a.startsWith('-'));
      await enableAddons(dir, addons, log);
      return out(addons.map((a) => `Addon ${a} is enabled`).join('\n'));
    }
    case 'disable': return out(`${rest.join(' ')}: left enabled (emulated cluster; \`multipass delete\` tears it down)`);
    case 'config':
      if (!isUp(state)) fail('microk8s is not running', 1);
      return out(readFileSync(clusterFiles(dir).kubeconfig('admin'), 'utf8'));
    case 'add-node': {
      const token = Math.random().toString(16).slice(2, 18).padEnd(16, '0');
      return out(`microk8s join 127.0.0.1:25000/${token}/emulated --worker`);
    }
    case 'join': {
      if (!isUp(state)) fail('Connection failed: the emulated cluster is not running', 1);
      await addNode(adminClient(dir, state), { name: vm.name, cpus: vm.cpus, memoryGiB: vm.memoryGiB });
      return out(`Successfully joined the cluster (node ${vm.name})`);
    }
    case 'remove-node': {
      if (!isUp(state)) return;
      await removeNode(adminClient(dir, state), rest[0]);
      return;
    }
    case 'kubectl': fail('microk8s kubectl is not emulated: use .tools/bin/kubectl with the kubeconfig');
    default: fail(`microk8s ${sub}: not emulated`);
  }
}

function info(args: string[]): void {
  const names = args.filter((a) => !a.startsWith('-') && a !== 'json');
  const vms = readVms();
  const missing = names.filter((n) => !vms.some((v) => v.name === n));
  if (missing.length) fail(`info failed: instance "${missing[0]}" does not exist`, 2);
  const chosen = names.length ? vms.filter((v) => names.includes(v.name)) : vms;
  const infoObj = Object.fromEntries(chosen.map((v) => [v.name, { state: 'Running', ipv4: ['127.0.0.1'], cpu_count: String(v.cpus), release: `Ubuntu ${v.release}`, memory: { total: v.memoryGiB * 2 ** 30 } }]));
  out(JSON.stringify({ errors: [], info: infoObj }, null, 4));
}

async function deleteVms(args: string[]): Promise<void> {
  const names = args.filter((a) => !a.startsWith('-'));
  let vms = readVms();
  for (const name of names) {
    const i = vms.findIndex((v) => v.name === name);
    if (i < 0) continue; // multipass delete of a missing instance: the stacks' delete must be idempotent
    if (i === 0) {
      await down(dir);
      vms = [];
    } else {
      const state = readState(dir);
      if (isUp(state)) await removeNode(adminClient(dir, state), name);
      vms.splice(i, 1);
    }
  }
  writeVms(vms);
}

main(process.argv.slice(2)).catch((err) => fail(`multipass stand-in: ${err instanceof Error ? err.message : String(err)}`, 1));
