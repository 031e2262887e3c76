// The folder a kubelet would project into a pod at /var/run/secrets/kubernetes.io/serviceaccount — `token` (a
// TokenRequest of the pod's ServiceAccount, bound to the pod when its uid is known, as the kubelet binds it), `ca.crt`
// and `namespace` — for the local stand-ins of pods, which find it through SCALELAB_SERVICEACCOUNT_DIR.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeClient } from '../kube-client.ts';

/** Where the kubelet mounts a pod's ServiceAccount credentials. */
export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Use before starting a pod's local process: writes token, ca.crt and namespace into `dir`. */
export async function writeServiceAccountDir(api: KubeClient, pod: { namespace: string; name: string; uid?: string; serviceAccountName?: string }, dir: string, caCertFile: string): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const sa = pod.serviceAccountName ?? 'default';
  const bound = pod.uid ? { boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.name, uid: pod.uid } } : {};
  const token = await api.create(`/api/v1/namespaces/${pod.namespace}/serviceaccounts/${sa}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600, ...bound } });
  writeFileSync(join(dir, 'token'), token.status.token, { mode: 0o600 });
  copyFileSync(caCertFile, join(dir, 'ca.crt'));
  writeFileSync(join(dir, 'namespace'), pod.namespace);
}
