// The runner's connection to the cluster for a sweep: the current context of the kubeconfig in KUBECONFIG (its
// first path) or ~/.kube/config, e.g. the cluster stack's: `pulumi stack output -s cluster kubeconfig
// --show-secrets > ~/.kube/scalelab && export KUBECONFIG=~/.kube/scalelab`.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { UserError } from '../../lib/errors.ts';
import { parseKubeconfig } from '../kube/kube-api.ts';
import { kubeRest, type KubeRest } from './kube-rest.ts';

/** The kubeconfig path kubectl would use. */
export function kubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBECONFIG?.split(delimiter).find((p) => p !== '') ?? join(homedir(), '.kube', 'config');
}

/** Use for the k8s-jobs backend and doctor; UserError naming the file when it is missing or unusable. */
export async function connectFromKubeconfig(env: NodeJS.ProcessEnv = process.env): Promise<KubeRest> {
  const path = kubeconfigPath(env);
  if (!existsSync(path)) {
    throw new UserError(`no kubeconfig at ${path}: export KUBECONFIG=<file>, e.g. pulumi stack output -s cluster kubeconfig --show-secrets > ~/.kube/scalelab && export KUBECONFIG=~/.kube/scalelab`);
  }
  try {
    return kubeRest(parseKubeconfig(readFileSync(path, 'utf8')));
  } catch (cause) {
    throw new UserError(`kubeconfig ${path}: ${(cause as Error).message}`, { cause });
  }
}
