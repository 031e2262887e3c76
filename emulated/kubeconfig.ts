// Kubeconfig files of the emulated cluster: one per client identity, all pointing at the loopback API server.
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** A kubeconfig for `user` with a client certificate, embedded (so the file is usable on its own, e.g. as the
 * `microk8s config` answer the cluster stack stores as a secret output). */
export function kubeconfigYaml(o: { server: string; caCertFile: string; certFile: string; keyFile: string; user: string }): string {
  const b64 = (f: string) => readFileSync(f).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'scalelab-emulated', cluster: { server: o.server, 'certificate-authority-data': b64(o.caCertFile) } }],
    users: [{ name: o.user, user: { 'client-certificate-data': b64(o.certFile), 'client-key-data': b64(o.keyFile) } }],
    contexts: [{ name: 'scalelab-emulated', context: { cluster: 'scalelab-emulated', user: o.user } }],
    'current-context': 'scalelab-emulated',
  });
}
