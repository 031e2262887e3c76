// Checks before the first cell of a cluster run, so nothing is created that cannot finish: the Pulumi secrets
// passphrase (the local backend encrypts the cluster's kubeconfig and every stack's secrets with it, and
// `stack init --non-interactive` cannot ask for it), the cluster stack's outputs, and whether the experiment
// fits the cluster's VMs (real-run-estimate.ts); the estimate is printed either way.
import { UserError } from '../../lib/errors.ts';
import { parseClusterConfig } from '../../stacks/cluster-config.ts';
import { SCENARIO_CONFIG_KEYS } from '../../stacks/scenario-config.ts';
import type { Cell } from '../cells.ts';
import type { StackDriver } from './pulumi-stacks.ts';
import { estimateRealRun, type RealRunEstimate } from './real-run-estimate.ts';

/** What the checks need. */
export interface PreflightDeps {
  stacks: StackDriver;
  clusterStack: string;
  env: Record<string, string | undefined>;
  k6InCluster: boolean;
  loadSecondsOf(cell: Cell): number;
  log(line: string): void;
}

/** The passphrase rule alone (exported for tests and docs): a file:// backend needs one of the two variables. */
export function passphraseProblem(backendUrl: string | undefined, env: Record<string, string | undefined>): string | undefined {
  if (!backendUrl?.startsWith('file://')) return undefined;
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined || env.PULUMI_CONFIG_PASSPHRASE_FILE) return undefined;
  return (
    `Pulumi uses the local backend (${backendUrl}), which encrypts stack secrets (the cluster's kubeconfig) with a passphrase, ` +
    'and the cells run non-interactively: export PULUMI_CONFIG_PASSPHRASE (the one you gave `pulumi stack init cluster`; ' +
    'an empty string if you left it empty) or PULUMI_CONFIG_PASSPHRASE_FILE, then run again. See docs/real-path.md step 1.'
  );
}

/** Runs every check; throws UserError (exit 2) naming what to change. Returns the estimate and the cluster outputs. */
export async function preflight(cells: readonly Cell[], d: PreflightDeps): Promise<{ estimate: RealRunEstimate; cluster: Record<string, unknown> }> {
  const problem = passphraseProblem(await d.stacks.backendUrl(), d.env);
  if (problem) throw new UserError(problem);
  let cluster: Record<string, unknown>;
  let config: Record<string, string>;
  try {
    cluster = await d.stacks.outputs(d.clusterStack);
    config = await d.stacks.config(d.clusterStack);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/passphrase/i.test(msg)) throw new UserError(`cluster stack ${d.clusterStack}: Pulumi cannot decrypt its secrets: is PULUMI_CONFIG_PASSPHRASE the one the stack was created with?`, { cause: err });
    throw new UserError(`cluster stack ${d.clusterStack}: cannot read it; create it first with \`pulumi up -s cluster\` (docs/real-path.md step 1) or name yours in SCALELAB_CLUSTER_STACK`, { cause: err });
  }
  if (typeof cluster.kubeconfig !== 'string' || typeof cluster.prometheusUrl !== 'string') {
    throw new UserError(`cluster stack ${d.clusterStack} has no kubeconfig/prometheusUrl outputs: run \`pulumi up -s cluster\` first`);
  }
  const size = parseClusterConfig(config, Object.keys(SCENARIO_CONFIG_KEYS));
  const estimate = estimateRealRun(cells, size, { k6InCluster: d.k6InCluster, loadSecondsOf: d.loadSecondsOf });
  for (const line of estimate.text.split('\n')) d.log(line);
  if (!estimate.feasible) throw new UserError(estimate.text);
  return { estimate, cluster };
}
