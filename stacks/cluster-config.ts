// Config of the cluster stack (Multipass VMs + MicroK8s), parsed and validated like the scenario config.
import { StackConfigError } from './scenario-config.ts';

/** Cluster-stack config keys with the defaults of Pulumi.yaml. */
export const CLUSTER_CONFIG_KEYS = {
  stackKind: { default: 'scenario', doc: 'cluster | scenario' },
  nodeCount: { default: '1', doc: 'number of Multipass VMs (1 = single node; more join the first)' },
  vmCpus: { default: '2', doc: 'vCPUs per VM' },
  vmMemoryGiB: { default: '4', doc: 'memory per VM, GiB' },
  vmDiskGiB: { default: '20', doc: 'disk per VM, GiB' },
  vmNamePrefix: { default: 'scalelab', doc: 'VM names are <prefix>-0, <prefix>-1, …' },
  ubuntuRelease: { default: '22.04', doc: 'Ubuntu image Multipass launches' },
  microk8sChannel: { default: '1.30/stable', doc: 'snap channel of MicroK8s' },
} as const;

/** Validated cluster config. */
export interface ClusterConfig {
  nodeCount: number;
  vmCpus: number;
  vmMemoryGiB: number;
  vmDiskGiB: number;
  vmNamePrefix: string;
  ubuntuRelease: string;
  microk8sChannel: string;
}

/** Parses flat cluster config values (prefix stripped); scenario keys are ignored, unknown keys refused. */
export function parseClusterConfig(values: Record<string, unknown>, scenarioKeys: readonly string[] = []): ClusterConfig {
  for (const key of Object.keys(values)) {
    if (!(key in CLUSTER_CONFIG_KEYS) && !scenarioKeys.includes(key)) throw new StackConfigError(key, values[key], `one of ${Object.keys(CLUSTER_CONFIG_KEYS).join(', ')}`);
  }
  const get = (k: keyof typeof CLUSTER_CONFIG_KEYS) => values[k] ?? CLUSTER_CONFIG_KEYS[k].default;
  const int = (k: keyof typeof CLUSTER_CONFIG_KEYS, min: number, max: number) => {
    const raw = get(k);
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new StackConfigError(k, raw, `an integer from ${min} to ${max}`);
    return v;
  };
  const prefix = String(get('vmNamePrefix'));
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(prefix)) throw new StackConfigError('vmNamePrefix', prefix, 'lower-case letters, digits and -, starting with a letter (a Multipass instance name)');
  const channel = String(get('microk8sChannel'));
  if (!/^[0-9a-z./-]+$/.test(channel)) throw new StackConfigError('microk8sChannel', channel, 'a snap channel such as 1.30/stable');
  const release = String(get('ubuntuRelease'));
  if (!/^[0-9a-z.]+$/.test(release)) throw new StackConfigError('ubuntuRelease', release, 'a Multipass image such as 22.04');
  return {
    nodeCount: int('nodeCount', 1, 10),
    vmCpus: int('vmCpus', 1, 64),
    vmMemoryGiB: int('vmMemoryGiB', 2, 256),
    vmDiskGiB: int('vmDiskGiB', 10, 2000),
    vmNamePrefix: prefix,
    ubuntuRelease: release,
    microk8sChannel: channel,
  };
}
