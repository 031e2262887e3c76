// `scalelab emulate up|down|status`: the emulated cluster (DESIGN.md §4a) — a real control plane (etcd,
// kube-apiserver, kube-controller-manager with the real HPA, kube-scheduler) with kwok nodes and the plant as its
// data plane — for running the real path without VMs. Tools come from `npm run tools`.
import type { Command } from 'commander';
import { ADDONS, clusterFiles, defaultSettings, down, enableAddons, launch, status } from '../../emulated/control-plane.ts';
import { stateDir } from '../../emulated/paths.ts';
import { UserError } from '../errors.ts';

const int = (flag: string, min: number, max: number) => (raw: string) => {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new UserError(`${flag}: got ${JSON.stringify(raw)}, expected an integer from ${min} to ${max}`);
  return v;
};

/** Registers `scalelab emulate`. */
export function register(program: Command): void {
  const emulate = program.command('emulate').description('a real Kubernetes control plane with emulated nodes and the plant as data plane, on this machine');

  emulate
    .command('up')
    .description('start etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, the data-plane bridge and Prometheus')
    .option('--nodes <n>', 'kwok nodes', int('--nodes', 1, 20), 1)
    .option('--node-cpus <n>', 'allocatable vCPUs per node', int('--node-cpus', 1, 256), 4)
    .option('--node-memory-gib <n>', 'allocatable memory per node, GiB', int('--node-memory-gib', 1, 1024), 8)
    .option('--hpa-sync-period <s>', 'kube-controller-manager --horizontal-pod-autoscaler-sync-period, seconds', int('--hpa-sync-period', 1, 300), 15)
    .option('--scrape-interval <s>', 'Prometheus scrape interval, seconds', int('--scrape-interval', 1, 120), 15)
    .option('--prometheus-port <port>', 'Prometheus port on 127.0.0.1 (the cluster stack\'s Prometheus NodePort)', int('--prometheus-port', 1024, 65535), 30090)
    .option('--json', 'print the endpoints as JSON')
    .action(async (o: { nodes: number; nodeCpus: number; nodeMemoryGib: number; hpaSyncPeriod: number; scrapeInterval: number; prometheusPort: number; json?: boolean }) => {
      const dir = stateDir();
      const settings = defaultSettings();
      settings.nodes = Array.from({ length: o.nodes }, (_, i) => ({ name: `scalelab-${i}`, cpus: o.nodeCpus, memoryGiB: o.nodeMemoryGib }));
      settings.hpaSyncPeriodSeconds = o.hpaSyncPeriod;
      settings.scrapeIntervalSeconds = o.scrapeInterval;
      settings.prometheusPort = o.prometheusPort;
      const log = (line: string) => process.stderr.write(`[emulate] ${line}\n`);
      try {
        await launch(dir, settings, log);
        const state = await enableAddons(dir, ADDONS, log);
        const info = {
          kubeconfig: clusterFiles(dir).kubeconfig('admin'),
          apiServer: `https://127.0.0.1:${state.ports.apiserver}`,
          prometheusUrl: `http://127.0.0.1:${state.ports.prometheus}`,
          stateDir: dir,
        };
        if (o.json) process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
        else {
          process.stdout.write(`emulated cluster up\n  kubeconfig  ${info.kubeconfig}\n  API server  ${info.apiServer}\n  Prometheus  ${info.prometheusUrl}\n  logs        ${clusterFiles(dir).logs}\n`);
          process.stdout.write(`try: KUBECONFIG=${info.kubeconfig} .tools/bin/kubectl get nodes\ntear down: scalelab emulate down\n`);
        }
      } catch (err) {
        throw new UserError(`emulate up failed: ${err instanceof Error ? err.message : String(err)}`, { exitCode: 1, cause: err });
      }
    });

  emulate
    .command('down')
    .description('stop every process of the emulated cluster and remove its state (logs kept with --keep-logs)')
    .option('--keep-logs', 'keep the processes\' logs')
    .action(async (o: { keepLogs?: boolean }) => {
      await down(stateDir(), { keepLogs: o.keepLogs });
      process.stdout.write('emulated cluster down\n');
    });

  emulate
    .command('status')
    .description('the emulated cluster\'s processes and addons; exit 1 when it is not fully up')
    .action(() => {
      const s = status(stateDir());
      process.stdout.write(`${s.lines.join('\n')}\n`);
      if (!s.up) process.exitCode = 1;
    });
}
