// Stands in for `docker build` + the kubelet, which cannot run here (no container engine): reads the Dockerfile's
// final stage, lays out its COPY lines in a temp dir (the build stage's /src being this repository after
// `npm run build:agent`, as its `COPY . .` + RUN make it), writes a Pod's ConfigMap volumes as files, and starts
// the ENTRYPOINT in the WORKDIR with the container's env. The temp dir plays the container's root filesystem.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Manifest } from '../../../../stacks/manifests/scenario-spec.ts';

/** One stage of a Dockerfile: its name, WORKDIR, COPY lines and ENTRYPOINT (exec form). */
export interface DockerStage {
  name?: string;
  workdir: string;
  runs: string[];
  copies: Array<{ from?: string; src: string; dest: string }>;
  entrypoint?: string[];
}

/** Parses the instructions this project's Dockerfiles use (FROM … AS, WORKDIR, COPY [--from], RUN, ENTRYPOINT). */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const stage = stages.at(-1);
    if (op === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1], workdir: '/', runs: [], copies: [] });
    else if (!stage) throw new Error(`Dockerfile: ${op} before FROM`);
    else if (op === 'WORKDIR') stage.workdir = args.startsWith('/') ? args : join(stage.workdir, args);
    else if (op === 'RUN') stage.runs.push(args);
    else if (op === 'ENTRYPOINT') stage.entrypoint = JSON.parse(args) as string[];
    else if (op === 'COPY') {
      const words = rest.filter((w) => !w.startsWith('--') || w.startsWith('--from='));
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--from='));
      if (paths.length < 2) throw new Error(`Dockerfile: COPY needs a source and a destination: ${line}`);
      const dest = paths.at(-1)!;
      if (paths.length > 2 && !dest.endsWith('/')) throw new Error(`Dockerfile: COPY of several sources needs a folder destination: ${line}`);
      for (const src of paths.slice(0, -1)) stage.copies.push({ from, src, dest });
    }
  }
  return stages;
}

/** Copies a file or folder; a `*` in the last segment of `src` copies each match into the folder `dest`. */
function copy(src: string, dest: string): void {
  const name = basename(src);
  if (name.includes('*')) {
    const re = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const matches = readdirSync(dirname(src)).filter((f) => re.test(f));
    if (matches.length === 0) throw new Error(`COPY ${src}: no file matches`);
    mkdirSync(dest, { recursive: true });
    for (const f of matches) cpSync(join(dirname(src), f), join(dest, f));
    return;
  }
  if (!existsSync(src)) throw new Error(`COPY ${src}: no such file (the image build would fail)`);
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(src, dest.endsWith('/') ? join(dest, name) : dest, { recursive: true, dereference: true });
}

/** Lays out the final stage's files under `rootfs`; returns the final stage. `buildContext` is the repository. */
export function layoutImage(stages: DockerStage[], buildContext: string, rootfs: string): DockerStage {
  const final = stages.at(-1)!;
  for (const c of final.copies) {
    let src: string;
    if (c.from !== undefined) {
      const build = stages.find((s) => s.name === c.from);
      if (!build) throw new Error(`COPY --from=${c.from}: no such stage`);
      if (!build.copies.some((x) => x.src === '.' && (x.dest === '.' || x.dest === './'))) throw new Error(`stage ${c.from} does not copy the build context`);
      if (!c.src.startsWith(`${build.workdir}/`)) throw new Error(`COPY --from=${c.from} ${c.src}: outside the stage's WORKDIR ${build.workdir}`);
      src = join(buildContext, c.src.slice(build.workdir.length + 1));
    } else {
      src = join(buildContext, c.src);
    }
    const dest = c.dest.startsWith('/') ? c.dest : `${final.workdir}/${c.dest.replace(/^\.\//, '')}`;
    copy(src, join(rootfs, dest) + (c.dest.endsWith('/') ? '/' : ''));
  }
  return final;
}

/** Writes the ConfigMap volumes a Pod template mounts (items → paths, else one file per key) under `rootfs`. */
export function writeConfigMapVolumes(container: { volumeMounts?: Array<{ name: string; mountPath: string }> }, podSpec: { volumes?: Array<{ name: string; configMap?: { name: string; items?: Array<{ key: string; path: string }> } }> }, configMaps: Manifest[], rootfs: string): void {
  for (const mount of container.volumeMounts ?? []) {
    const volume = podSpec.volumes?.find((v) => v.name === mount.name);
    if (!volume?.configMap) throw new Error(`volume ${mount.name}: only ConfigMap volumes are laid out here`);
    const cm = configMaps.find((m) => m.kind === 'ConfigMap' && m.metadata.name === volume.configMap!.name);
    if (!cm) throw new Error(`ConfigMap ${volume.configMap.name} is not among the rendered manifests`);
    const data = { ...((cm.data as Record<string, string>) ?? {}) };
    const binary = (cm.binaryData as Record<string, string>) ?? {};
    const files = volume.configMap.items ?? [...Object.keys(data), ...Object.keys(binary)].map((key) => ({ key, path: key }));
    for (const { key, path } of files) {
      const file = join(rootfs, mount.mountPath, path);
      mkdirSync(dirname(file), { recursive: true });
      if (key in data) writeFileSync(file, data[key]);
      else if (key in binary) writeFileSync(file, Buffer.from(binary[key], 'base64'));
      else throw new Error(`ConfigMap ${cm.metadata.name} has no key ${key}`);
    }
  }
}
