// What a kubelet would run for a pod's container, translated to a local process on this machine (kwok runs no
// containers). Only scalelab's own images are known, each mapped explicitly to its entrypoint in this checkout; the
// container's args are passed as they are, except paths under a volume mount, which point into the local folder that
// stands for the volume; env values and the downward-API fields a kubelet resolves (fieldRef) are set. Anything else
// (another image, a `command` that replaces the entrypoint, other env sources) is refused with a reason.
import { join } from 'node:path';

/** The Dockerfile's ENTRYPOINT of a scalelab image, as a local command run from the repository (its WORKDIR /app). */
export interface LocalEntrypoint {
  command: string;
  args: string[];
  cwd: string;
}

/** Repository path of an image reference without registry, tag or digest (`ghcr.io/scalelab/sweep:0.1` → `scalelab/sweep`). */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0];
  const parts = noDigest.split('/');
  const last = parts.pop()!;
  const name = [...parts, last.split(':')[0]];
  // A first component with a dot, a colon or `localhost` is a registry host (the Docker reference grammar).
  if (name.length > 1 && /[.:]|^localhost$/.test(name[0])) name.shift();
  return name.join('/');
}

/**
 * Use to find what a scalelab image runs here: the sweep image (experiments/k8s-jobs/Dockerfile, default
 * ghcr.io/scalelab/sweep, documented as <registry>/scalelab-sweep:<tag>) has ENTRYPOINT ["node", "bin/scalelab.js"]
 * in WORKDIR /app, i.e. this repository's bin/scalelab.js run by this Node. Undefined for every other image.
 */
export function localEntrypoint(image: string, repoRoot: string, nodePath: string): LocalEntrypoint | undefined {
  const repo = imageRepository(image);
  if (repo === 'scalelab/sweep' || repo === 'scalelab-sweep' || repo.endsWith('/scalelab-sweep')) {
    return { command: nodePath, args: [join(repoRoot, 'bin', 'scalelab.js')], cwd: repoRoot };
  }
  return undefined;
}

/** The process to start for a pod's only container, or why it cannot run here. */
export type LocalProcess =
  | { ok: true; container: string; image: string; command: string; args: string[]; cwd: string; env: Record<string, string> }
  | { ok: false; reason: string };

/** Resolves a downward-API fieldPath of the pod, as the kubelet does for env `valueFrom.fieldRef`. */
export function podField(pod: any, fieldPath: string): string | undefined {
  const m = /^metadata\.(annotations|labels)\['([^']+)'\]$/.exec(fieldPath);
  if (m) return pod.metadata?.[m[1]]?.[m[2]];
  const simple: Record<string, () => string | undefined> = {
    'metadata.name': () => pod.metadata?.name,
    'metadata.namespace': () => pod.metadata?.namespace,
    'metadata.uid': () => pod.metadata?.uid,
    'spec.nodeName': () => pod.spec?.nodeName,
    'spec.serviceAccountName': () => pod.spec?.serviceAccountName,
    'status.podIP': () => pod.status?.podIP,
    'status.hostIP': () => pod.status?.hostIP,
  };
  return simple[fieldPath]?.();
}

/** Maps a container path to the local folder of the volume mounted above it (longest mount path first). */
export function localPath(path: string, mounts: ReadonlyMap<string, string>): string {
  const byLength = [...mounts.keys()].sort((a, b) => b.length - a.length);
  for (const mountPath of byLength) {
    const base = mountPath.replace(/\/+$/, '');
    if (path === base || path.startsWith(`${base}/`)) return mounts.get(mountPath)! + path.slice(base.length);
  }
  return path;
}

/**
 * Use for a Job pod of a scalelab image: its container's entrypoint, args (paths under `mounts`, mountPath → local
 * folder, translated) and env (values and fieldRefs; `extraEnv` last, e.g. where the API server is).
 */
export function localProcessFor(pod: any, o: { repoRoot: string; nodePath: string; mounts: ReadonlyMap<string, string>; extraEnv: Record<string, string> }): LocalProcess {
  const containers: any[] = pod.spec?.containers ?? [];
  if (containers.length !== 1 || (pod.spec?.initContainers ?? []).length > 0) return { ok: false, reason: `${containers.length} containers and ${(pod.spec?.initContainers ?? []).length} init containers; only single-container pods run here` };
  const c = containers[0];
  const entry = localEntrypoint(String(c.image ?? ''), o.repoRoot, o.nodePath);
  if (!entry) return { ok: false, reason: `image ${c.image} is not one of scalelab's images, so nothing here knows what it runs` };
  if (Array.isArray(c.command) && c.command.length > 0) return { ok: false, reason: `container ${c.name} sets command ${JSON.stringify(c.command)}, which replaces the image's entrypoint; only the entrypoint is known here` };
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) {
    if (typeof e.value === 'string') env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath) {
      const v = podField(pod, e.valueFrom.fieldRef.fieldPath);
      if (v === undefined) return { ok: false, reason: `env ${e.name}: fieldRef ${e.valueFrom.fieldRef.fieldPath} is not set on the pod (or not supported here)` };
      env[e.name] = v;
    } else if (e.value === undefined && e.valueFrom === undefined) env[e.name] = '';
    else return { ok: false, reason: `env ${e.name}: only value and valueFrom.fieldRef are supported here` };
  }
  if ((c.envFrom ?? []).length > 0) return { ok: false, reason: `container ${c.name}: envFrom is not supported here` };
  const args = (c.args ?? []).map((a: string) => (a.startsWith('/') ? localPath(a, o.mounts) : a));
  return { ok: true, container: c.name, image: c.image, command: entry.command, args: [...entry.args, ...args], cwd: entry.cwd, env: { ...env, ...o.extraEnv } };
}
