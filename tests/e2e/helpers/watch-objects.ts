// Watches scalelab's Jobs and pods on an emulated cluster (the API's `?watch=true` stream: every change of every
// object, in order), so a test sees states that exist only for a moment, e.g. a pod's Succeeded before the runner
// deletes its namespace.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { clusterFiles } from '../../../emulated/control-plane.ts';
import { ensureCerts } from '../../../emulated/certs.ts';
import type { ClusterState } from '../../../emulated/cluster-state.ts';

export interface WatchEvent { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR'; object: any }
export interface Watched { jobs: WatchEvent[]; pods: WatchEvent[] }

const SELECTOR = encodeURIComponent('app.kubernetes.io/part-of=scalelab');

/**
 * Starts both watches and resolves once the API server has answered them; `stop()` returns what was seen, after
 * the Job's DELETED event has arrived (or 5 s).
 */
export async function watchObjects(dir: string, state: ClusterState): Promise<{ stop(): Promise<Watched> }> {
  const pki = ensureCerts(clusterFiles(dir).certs);
  const tls = { ca: readFileSync(pki.caCert), cert: readFileSync(pki.cert('admin').cert), key: readFileSync(pki.cert('admin').key) };
  const seen: Watched = { jobs: [], pods: [] };
  const open = (path: string, into: WatchEvent[]) => new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: state.ports.apiserver, path: `${path}?watch=true&labelSelector=${SELECTOR}`, ...tls }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) into.push(JSON.parse(line));
        }
      });
      res.on('error', () => {});
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
  const streams = await Promise.all([open('/apis/batch/v1/jobs', seen.jobs), open('/api/v1/pods', seen.pods)]);
  return {
    async stop() {
      for (let i = 0; i < 50 && !seen.jobs.some((e) => e.type === 'DELETED'); i++) await new Promise((r) => setTimeout(r, 100));
      for (const s of streams) s.destroy();
      return seen;
    },
  };
}
