// Reads this stack's Pulumi config once and validates it (the only place a program touches pulumi.Config).
// No scenario or cluster setting is a secret; the one secret, the kubeconfig, arrives as a secret stack output.
import * as pulumi from '@pulumi/pulumi';
import { SCENARIO_CONFIG_KEYS, parseScenarioConfig, type ScenarioConfig } from './scenario-config.ts';
import { CLUSTER_CONFIG_KEYS, parseClusterConfig, type ClusterConfig } from './cluster-config.ts';

function values(keys: readonly string[]): Record<string, unknown> {
  const config = new pulumi.Config('scalelab');
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = config.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Which program this stack runs. */
export function stackKind(): 'cluster' | 'scenario' {
  const kind = new pulumi.Config('scalelab').get('stackKind') ?? 'scenario';
  if (kind !== 'cluster' && kind !== 'scenario') throw new Error(`config scalelab:stackKind: got ${JSON.stringify(kind)}, expected cluster or scenario`);
  return kind;
}

/** The scenario config of the current stack. */
export function readScenarioConfig(): ScenarioConfig {
  return parseScenarioConfig(pulumi.getStack(), values(Object.keys(SCENARIO_CONFIG_KEYS).filter((k) => k !== 'stackKind')));
}

/** The cluster config of the current stack. */
export function readClusterConfig(): ClusterConfig {
  return parseClusterConfig(values(Object.keys(CLUSTER_CONFIG_KEYS).filter((k) => k !== 'stackKind')));
}
