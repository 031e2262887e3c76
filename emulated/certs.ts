// Certificates of the emulated control plane, made with openssl: a CA, the API server's serving cert, client certs
// for admin / controller manager / scheduler / kwok / bridge, the ServiceAccount key pair, a front-proxy CA and client
// (the aggregation layer that serves metrics.k8s.io from the bridge) and the bridge's serving cert.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of every PEM file the control plane uses. */
export interface CertPaths {
  dir: string;
  caCert: string; caKey: string;
  frontProxyCaCert: string; frontProxyCaKey: string;
  saKey: string; saPub: string;
  cert(name: CertName): { cert: string; key: string };
}

export type CertName = 'apiserver' | 'admin' | 'controller-manager' | 'scheduler' | 'kwok' | 'bridge' | 'bridge-serving' | 'front-proxy-client';

interface LeafSpec { subject: string; server?: boolean; ca: 'ca' | 'front-proxy-ca'; san?: string }

const leaves: Record<CertName, LeafSpec> = {
  apiserver: { subject: '/CN=kube-apiserver', server: true, ca: 'ca', san: 'IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local' },
  admin: { subject: '/O=system:masters/CN=scalelab-admin', ca: 'ca' },
  'controller-manager': { subject: '/CN=system:kube-controller-manager', ca: 'ca' },
  scheduler: { subject: '/CN=system:kube-scheduler', ca: 'ca' },
  kwok: { subject: '/O=system:masters/CN=kwok', ca: 'ca' },
  bridge: { subject: '/O=system:masters/CN=scalelab-bridge', ca: 'ca' },
  'bridge-serving': { subject: '/CN=scalelab-bridge', server: true, ca: 'ca', san: 'IP:127.0.0.1,DNS:localhost,DNS:scalelab-metrics.kube-system.svc' },
  'front-proxy-client': { subject: '/CN=front-proxy-client', ca: 'front-proxy-ca' },
};

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(err)}`, { cause: err });
  }
}

/** Creates the certificates in `dir` (kept when already there, so a restarted cluster keeps its identity). */
export function ensureCerts(dir: string): CertPaths {
  mkdirSync(dir, { recursive: true });
  const p = (f: string) => join(dir, f);
  const ca = (name: string, cn: string) => {
    if (existsSync(p(`${name}.crt`))) return;
    openssl(['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '3650', '-subj', `/CN=${cn}`], dir);
  };
  ca('ca', 'scalelab-emulated-ca');
  ca('front-proxy-ca', 'scalelab-emulated-front-proxy-ca');
  if (!existsSync(p('sa.key'))) {
    openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
    openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  }
  for (const [name, spec] of Object.entries(leaves)) {
    if (existsSync(p(`${name}.crt`))) continue;
    const ext = [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${spec.server ? 'serverAuth' : 'clientAuth'}`,
      ...(spec.san ? [`subjectAltName=${spec.san}`] : []),
    ].join('\n');
    writeFileSync(p(`${name}.ext`), `${ext}\n`);
    openssl(['req', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', spec.subject], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${spec.ca}.crt`, '-CAkey', `${spec.ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '3650', '-extfile', `${name}.ext`], dir);
  }
  return {
    dir,
    caCert: p('ca.crt'), caKey: p('ca.key'),
    frontProxyCaCert: p('front-proxy-ca.crt'), frontProxyCaKey: p('front-proxy-ca.key'),
    saKey: p('sa.key'), saPub: p('sa.pub'),
    cert: (name) => ({ cert: p(`${name}.crt`), key: p(`${name}.key`) }),
  };
}
