// The few Kubernetes API reads the kube backend does from the user's machine (Deployment readiness), with the
// cluster stack's kubeconfig: server, CA, and a token or a client certificate.
import YAML from 'yaml';
import { httpJson } from '../../agent/controller/http-json.ts';

/** Connection settings from a kubeconfig. */
export interface KubeConnection {
  server: string;
  ca?: Buffer;
  token?: string;
  cert?: Buffer;
  key?: Buffer;
}

const b64 = (s: unknown) => (typeof s === 'string' ? Buffer.from(s, 'base64') : undefined);

/** Reads the current context of a kubeconfig (YAML text). */
export function parseKubeconfig(text: string): KubeConnection {
  const k = YAML.parse(text) as any;
  const ctxName = k?.['current-context'] ?? k?.contexts?.[0]?.name;
  const ctx = k?.contexts?.find((c: any) => c.name === ctxName)?.context ?? {};
  const cluster = k?.clusters?.find((c: any) => c.name === ctx.cluster)?.cluster ?? k?.clusters?.[0]?.cluster;
  const user = k?.users?.find((u: any) => u.name === ctx.user)?.user ?? k?.users?.[0]?.user ?? {};
  if (typeof cluster?.server !== 'string') throw new Error('kubeconfig: no cluster server URL');
  return { server: cluster.server, ca: b64(cluster['certificate-authority-data']), token: user.token, cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']) };
}

function get(c: KubeConnection, path: string, raw = false): Promise<unknown> {
  return httpJson(`${c.server.replace(/\/$/, '')}${path}`, { timeoutMs: 10000, ca: c.ca, cert: c.cert, key: c.key, raw, headers: c.token ? { authorization: `Bearer ${c.token}` } : {} });
}

/** State of a Job: finished (succeeded or failed) and when it started/completed (Unix seconds). */
export async function jobStatus(c: KubeConnection, namespace: string, name: string): Promise<{ done: boolean; failed: boolean }> {
  const j = (await get(c, `/apis/batch/v1/namespaces/${namespace}/jobs/${name}`)) as any;
  const succeeded = Number(j?.status?.succeeded ?? 0);
  const failed = Number(j?.status?.failed ?? 0);
  return { done: succeeded > 0 || failed > 0, failed: failed > 0 && succeeded === 0 };
}

/** The log of the (first) pod of a Job, as text. */
export async function jobLog(c: KubeConnection, namespace: string, job: string): Promise<string> {
  const pods = (await get(c, `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`job-name=${job}`)}`)) as any;
  const pod = pods?.items?.[0]?.metadata?.name;
  if (typeof pod !== 'string') throw new Error(`no pod found for Job ${namespace}/${job}`);
  return String(await get(c, `/api/v1/namespaces/${namespace}/pods/${pod}/log`, true));
}

/** Ready and desired replicas of a Deployment. */
export async function deploymentReadiness(c: KubeConnection, namespace: string, name: string): Promise<{ desired: number; ready: number }> {
  const d = (await get(c, `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`)) as any;
  return { desired: Number(d?.spec?.replicas ?? 0), ready: Number(d?.status?.readyReplicas ?? 0) };
}
