// The real probes behind `scalelab doctor`: PATH and `<tool> version`, the environment, Pulumi's backend and the
// cluster stack (Automation API), the Kubernetes API (version, SelfSubjectAccessReview) and Prometheus' HTTP API.
// Each probe is small; checks.ts decides what its answer means.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { REPO_ROOT } from '../../lib/paths.ts';
import type { DoctorProbes, PromTarget } from './checks.ts';

const PROJECT_DIR = REPO_ROOT;
const VERSION_ARGS: Record<string, string[]> = { pulumi: ['version'], multipass: ['version'], k6: ['version'] };

/** The probes of this machine; `env` and `path` are injectable for tests of the tool probe. */
export function realProbes(env: NodeJS.ProcessEnv = process.env): DoctorProbes {
  return {
    nodeVersion: () => process.versions.node,
    async toolVersion(tool) {
      const { which } = await import('zx');
      const found = await which(tool, { nothrow: true, path: env.PATH ?? '' });
      if (found === null) return null;
      const { execa } = await import('execa');
      const r = await execa(found, VERSION_ARGS[tool], { reject: false, timeout: 15_000, env: env as Record<string, string> });
      return (r.stdout || r.stderr || 'unknown version').toString();
    },
    pulumiSdkVersion() {
      const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'));
      return String(pkg.dependencies?.['@pulumi/pulumi'] ?? 'unknown').replace(/^[\^~]/, '');
    },
    env: (name) => env[name],
    async pulumiBackendUrl() {
      if (env.PULUMI_BACKEND_URL) return env.PULUMI_BACKEND_URL;
      const file = join(env.PULUMI_HOME ?? join(homedir(), '.pulumi'), 'credentials.json');
      if (!existsSync(file)) return null;
      const current = JSON.parse(readFileSync(file, 'utf8'))?.current;
      return typeof current === 'string' && current !== '' ? current : null;
    },
    async clusterOutputs(stackName) {
      const { LocalWorkspace } = await import('@pulumi/pulumi/automation/index.js');
      const stack = await LocalWorkspace.selectStack({ stackName, workDir: PROJECT_DIR });
      const outs = await stack.outputs();
      return Object.fromEntries(Object.entries(outs).map(([k, v]) => [k, v.value]));
    },
    kube(kubeconfig) {
      const api = (async () => {
        const { parseKubeconfig } = await import('../kube/kube-api.ts');
        const { kubeRest } = await import('../k8s-jobs/kube-rest.ts');
        return kubeRest(parseKubeconfig(kubeconfig), 10_000);
      })();
      return {
        async serverVersion() {
          const v = await (await api).request('GET', '/version');
          return String(v?.gitVersion ?? 'unknown');
        },
        async canI(q) {
          const review = await (await api).request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: { verb: q.verb, group: q.group, resource: q.resource, subresource: q.subresource, namespace: q.namespace } },
          });
          return review?.status?.allowed === true;
        },
      };
    },
    prometheus(url) {
      const get = async (path: string) => {
        const { kubeRest } = await import('../k8s-jobs/kube-rest.ts');
        const body = await kubeRest({ server: url }, 10_000).request('GET', path);
        if (body?.status !== 'success') throw new Error(`${path}: status ${String(body?.status)}`);
        return body.data;
      };
      return {
        version: async () => String((await get('/api/v1/status/buildinfo'))?.version ?? 'unknown'),
        targets: async () => ((await get('/api/v1/targets?state=active'))?.activeTargets ?? []) as PromTarget[],
      };
    },
    clusterSize() {
      const file = join(PROJECT_DIR, 'Pulumi.cluster.yaml');
      const config = (YAML.parse(readFileSync(file, 'utf8'))?.config ?? {}) as Record<string, unknown>;
      const get = (k: string, d: number) => Number(config[`scalelab:${k}`] ?? d);
      return { nodeCount: get('nodeCount', 1), vmCpus: get('vmCpus', 2), vmMemoryGiB: get('vmMemoryGiB', 4) };
    },
    async experimentCells(name) {
      const { loadExperiment } = await import('../load-experiment.ts');
      const { expandCells } = await import('../cells.ts');
      const { buildWorkload } = await import('../../workloads/index.ts');
      const { traceLoader } = await import('../load-trace.ts');
      const loaded = await loadExperiment(name);
      return {
        cells: expandCells(loaded.def),
        loadSecondsOf: (c) => c.config.durationSeconds ?? buildWorkload(c.config.workload, { seed: c.seed, loadTrace: traceLoader(loaded.baseDir) }).durationSeconds,
      };
    },
  };
}
