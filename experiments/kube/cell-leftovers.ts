// What `pulumi destroy` cannot see: an object whose creation was in flight when `pulumi up` failed (a killed
// provider, a lost connection) exists in the cluster but not in the stack's state, so destroy leaves it behind.
// After a failed or interrupted cell the backend looks for the cell's namespace (`scalelab-<stack>`, everything the
// cell runs lives in it) and the objects labelled with its stack elsewhere (the Grafana dashboard ConfigMap), and
// deletes them, waiting until the namespace is gone.
import { KubeApiError, type KubeRest } from '../k8s-jobs/kube-rest.ts';

/** Longest wait for a deleted namespace to disappear (its finalizers delete everything in it first), ms. */
export const NAMESPACE_GONE_TIMEOUT_MS = 180_000;

const notFound = (err: unknown) => err instanceof KubeApiError && err.status === 404;

/** Use after `destroy` of a failed cell; returns what it removed ("namespace x", "configmap ns/y"), [] when clean. */
export async function removeCellLeftovers(api: KubeRest, stack: string, namespace = `scalelab-${stack}`, timeoutMs = NAMESPACE_GONE_TIMEOUT_MS): Promise<string[]> {
  const removed: string[] = [];
  const labelled = await api.request('GET', `/api/v1/configmaps?labelSelector=${encodeURIComponent(`scalelab.io/stack=${stack}`)}`);
  for (const cm of labelled?.items ?? []) {
    const ns = String(cm.metadata?.namespace);
    if (ns === namespace) continue;
    await api.request('DELETE', `/api/v1/namespaces/${ns}/configmaps/${cm.metadata?.name}`).catch((err: unknown) => { if (!notFound(err)) throw err; });
    removed.push(`configmap ${ns}/${cm.metadata?.name}`);
  }
  const path = `/api/v1/namespaces/${namespace}`;
  try {
    const ns = await api.request('GET', path);
    if (!ns?.metadata?.deletionTimestamp) await api.request('DELETE', path);
    removed.push(`namespace ${namespace}`);
  } catch (err) {
    if (notFound(err)) return removed;
    throw err;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await api.request('GET', path);
    } catch (err) {
      if (notFound(err)) return removed;
      throw err;
    }
    if (Date.now() > deadline) throw new Error(`namespace ${namespace} is still terminating after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
