// Multipass VMs running MicroK8s, as @pulumi/command local commands. Values reach the shell through `environment`
// (never interpolated into the command text), every create is idempotent (a retry after a failed create finds the
// half-made VM instead of failing with "instance already exists"), and each command has an `update`, so a changed
// input (vmCpus, memory) resizes the existing VM with `multipass set` instead of rerunning `multipass launch`.
// Order: VMs → joins (`microk8s add-node` / `join`) → addons on the first node (dns, metrics-server,
// observability), so the addon is set up with every node present; when the node list changes the addon command's
// update sets observability up again. Reads (kubeconfig, node IP) are `local.runOutput` invokes, run fresh on every
// `pulumi up` after the addon step, not stale create-time outputs.
import * as pulumi from '@pulumi/pulumi';
import * as command from '@pulumi/command';

/** Inputs of MicroK8sCluster (validated by stacks/cluster-config.ts). */
export interface MicroK8sClusterArgs {
  /** Number of VMs (1 = single node). */
  nodeCount: number;
  /** vCPUs, memory (GiB) and disk (GiB) per VM. */
  vmCpus: number;
  vmMemoryGiB: number;
  vmDiskGiB: number;
  /** VM names are `${vmNamePrefix}-${i}`. */
  vmNamePrefix: string;
  /** Multipass image, e.g. 22.04. */
  ubuntuRelease: string;
  /** MicroK8s snap channel, e.g. 1.30/stable. */
  microk8sChannel: string;
  /** Addons enabled on the first node. */
  addons?: string[];
}

/** One command as @pulumi/command's local.Command takes it. */
export interface ClusterCommand {
  create: string;
  update: string;
  delete: string;
  environment: Record<string, string>;
}

const LAUNCH = [
  // Idempotent: an existing instance (also one left by a failed create, or deleted but not purged) is reused.
  'if ! multipass info "$VM" >/dev/null 2>&1; then multipass launch "$RELEASE" --name "$VM" --cpus "$CPUS" --memory "${MEMORY_GIB}G" --disk "${DISK_GIB}G"; fi',
  'multipass recover "$VM" >/dev/null 2>&1 || true',
  'multipass start "$VM"',
  'multipass exec "$VM" -- sudo snap install microk8s --classic --channel="$CHANNEL"',
  'multipass exec "$VM" -- sudo microk8s status --wait-ready',
].join(' && ');

// `multipass set` changes a stopped instance's resources (Multipass ≥ 1.10; disks can only grow).
const RESIZE = [
  'multipass stop "$VM"',
  'multipass set "local.$VM.cpus=$CPUS"',
  'multipass set "local.$VM.memory=${MEMORY_GIB}G"',
  'multipass set "local.$VM.disk=${DISK_GIB}G"',
  'multipass start "$VM"',
  'multipass exec "$VM" -- sudo microk8s status --wait-ready',
].join(' && ');

const JOIN = [
  'if ! multipass exec "$FIRST" -- sudo microk8s kubectl get node "$VM" >/dev/null 2>&1; then',
  'JOIN=$(multipass exec "$FIRST" -- sudo microk8s add-node --token-ttl 600 --format short | head -n 1) && multipass exec "$VM" -- sudo $JOIN;',
  'fi',
].join(' ');

const ENABLE = 'multipass exec "$VM" -- sudo microk8s enable $ADDONS && multipass exec "$VM" -- sudo microk8s status --wait-ready';

/** The commands of one cluster, exported so tests and docs show exactly what runs. */
export function clusterCommands(a: MicroK8sClusterArgs) {
  const vm = (i: number) => `${a.vmNamePrefix}-${i}`;
  const first = vm(0);
  const addons = a.addons ?? ['dns', 'metrics-server', 'observability'];
  const nodes = Array.from({ length: a.nodeCount }, (_, i) => vm(i));
  return {
    launch: (i: number): ClusterCommand => ({
      create: LAUNCH,
      update: RESIZE,
      delete: 'multipass delete --purge "$VM"',
      environment: { VM: vm(i), RELEASE: a.ubuntuRelease, CPUS: String(a.vmCpus), MEMORY_GIB: String(a.vmMemoryGiB), DISK_GIB: String(a.vmDiskGiB), CHANNEL: a.microk8sChannel },
    }),
    join: (i: number): ClusterCommand => ({
      create: JOIN,
      update: JOIN,
      delete: 'multipass exec "$FIRST" -- sudo microk8s remove-node "$VM" --force || true',
      environment: { FIRST: first, VM: vm(i) },
    }),
    addons: {
      create: ENABLE,
      // The node list changed: set observability up again so it covers every node (its data starts afresh).
      update: `multipass exec "$VM" -- sudo microk8s disable observability; ${ENABLE}`,
      delete: 'multipass exec "$VM" -- sudo microk8s disable $ADDONS_REVERSED || true',
      environment: { VM: first, ADDONS: addons.join(' '), ADDONS_REVERSED: [...addons].reverse().join(' '), NODES: nodes.join(' ') },
    } satisfies ClusterCommand,
    kubeconfig: { command: 'multipass exec "$VM" -- sudo microk8s config', environment: { VM: first } },
    nodeIp: { command: 'multipass info "$VM" --format json', environment: { VM: first } },
  };
}

/** Which commands each command waits for (indices of VMs and joins): the constructor wires exactly this. */
export function commandOrder(nodeCount: number) {
  const vms = Array.from({ length: nodeCount }, (_, i) => i);
  return {
    /** join i (1 … n−1) waits for VM 0 and VM i. */
    join: (i: number) => ({ vms: [0, i] }),
    /** The addons wait for every VM and every join. */
    addons: { vms, joins: vms.slice(1) },
  };
}

/** Use once, in the cluster stack. */
export class MicroK8sCluster extends pulumi.ComponentResource {
  /** Admin kubeconfig of the cluster (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** IPv4 address of the first node (NodePorts are reached here). */
  readonly nodeIp: pulumi.Output<string>;
  readonly nodeNames: string[];

  constructor(name: string, args: MicroK8sClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('scalelab:cluster:MicroK8sCluster', name, {}, opts);
    const cmds = clusterCommands(args);
    this.nodeNames = Array.from({ length: args.nodeCount }, (_, i) => `${args.vmNamePrefix}-${i}`);
    const order = commandOrder(args.nodeCount);
    const vms = this.nodeNames.map((_, i) => new command.local.Command(`${name}-vm-${i}`, cmds.launch(i), { parent: this }));
    const joins = new Map<number, command.local.Command>();
    for (let i = 1; i < args.nodeCount; i++) {
      joins.set(i, new command.local.Command(`${name}-join-${i}`, cmds.join(i), { parent: this, dependsOn: order.join(i).vms.map((v) => vms[v]) }));
    }
    const addons = new command.local.Command(`${name}-addons`, cmds.addons, { parent: this, dependsOn: [...order.addons.vms.map((v) => vms[v]), ...order.addons.joins.map((j) => joins.get(j)!)] });
    const read = (c: { command: string; environment: Record<string, string> }) => command.local.runOutput({ ...c, logging: 'none' }, { parent: this, dependsOn: [addons] });
    this.kubeconfig = pulumi.secret(read(cmds.kubeconfig).stdout);
    this.nodeIp = read(cmds.nodeIp).stdout.apply((out) => parseNodeIp(out, this.nodeNames[0]));
    this.registerOutputs({ kubeconfig: this.kubeconfig, nodeIp: this.nodeIp, nodeNames: this.nodeNames });
  }
}

/** The first IPv4 of `vm` in `multipass info --format json` output. */
export function parseNodeIp(json: string, vm: string): string {
  const info = JSON.parse(json) as { info?: Record<string, { ipv4?: string[] }> };
  const ip = info.info?.[vm]?.ipv4?.[0];
  if (!ip) throw new Error(`multipass info: no IPv4 address for ${vm}`);
  return ip;
}
