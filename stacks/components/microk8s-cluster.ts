// Multipass VMs running MicroK8s, as @pulumi/command local commands with create and delete: launch each VM and
// install the snap, enable dns, metrics-server and observability (kube-prometheus-stack + Grafana) on the first,
// join the others with `microk8s add-node`/`join`, and read the kubeconfig (a secret output).
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

/** The shell commands of one cluster, exported so tests and docs show exactly what runs. */
export function clusterCommands(a: MicroK8sClusterArgs) {
  const vm = (i: number) => `${a.vmNamePrefix}-${i}`;
  const first = vm(0);
  const addons = (a.addons ?? ['dns', 'metrics-server', 'observability']).join(' ');
  return {
    launch: (i: number) => ({
      create: [
        `multipass launch ${a.ubuntuRelease} --name ${vm(i)} --cpus ${a.vmCpus} --memory ${a.vmMemoryGiB}G --disk ${a.vmDiskGiB}G`,
        `multipass exec ${vm(i)} -- sudo snap install microk8s --classic --channel=${a.microk8sChannel}`,
        `multipass exec ${vm(i)} -- sudo microk8s status --wait-ready`,
      ].join(' && '),
      delete: `multipass delete --purge ${vm(i)}`,
    }),
    addons: {
      create: `multipass exec ${first} -- sudo microk8s enable ${addons} && multipass exec ${first} -- sudo microk8s status --wait-ready`,
      delete: `multipass exec ${first} -- sudo microk8s disable ${addons.split(' ').reverse().join(' ')} || true`,
    },
    join: (i: number) => ({
      create: `JOIN=$(multipass exec ${first} -- sudo microk8s add-node --token-ttl 600 --format short | head -n 1) && multipass exec ${vm(i)} -- sudo $JOIN`,
      delete: `multipass exec ${first} -- sudo microk8s remove-node ${vm(i)} --force || true`,
    }),
    kubeconfig: `multipass exec ${first} -- sudo microk8s config`,
    nodeIp: `multipass info ${first} --format json`,
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
    const vms = this.nodeNames.map((_, i) => new command.local.Command(`${name}-vm-${i}`, cmds.launch(i), { parent: this }));
    const addons = new command.local.Command(`${name}-addons`, cmds.addons, { parent: this, dependsOn: [vms[0]] });
    const joins = vms.slice(1).map((vm, k) => new command.local.Command(`${name}-join-${k + 1}`, cmds.join(k + 1), { parent: this, dependsOn: [vms[0], vm] }));
    const kubeconfig = new command.local.Command(`${name}-kubeconfig`, { create: cmds.kubeconfig }, { parent: this, dependsOn: [addons, ...joins], additionalSecretOutputs: ['stdout'] });
    const info = new command.local.Command(`${name}-node-ip`, { create: cmds.nodeIp }, { parent: this, dependsOn: [vms[0]] });
    this.kubeconfig = pulumi.secret(kubeconfig.stdout);
    this.nodeIp = info.stdout.apply((out) => parseNodeIp(out, this.nodeNames[0]));
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
