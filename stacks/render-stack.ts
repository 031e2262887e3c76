// What `scalelab stacks render STACK` prints: the manifests the scenario stack applies, as one multi-document
// YAML stream, from the same builders and config parsing the Pulumi program uses.
import YAML from 'yaml';
import { parseScenarioConfig } from './scenario-config.ts';
import { scenarioSpecFromConfig } from './scenario-spec-from-config.ts';
import { buildScenarioManifests, flattenManifests } from './manifests/scenario-manifests.ts';
import type { Manifest } from './manifests/scenario-spec.ts';
import { checkAgentModel, readStackConfig } from './stack-files.ts';
import { traceLoader } from '../experiments/load-trace.ts';

/** The manifests of a committed scenario stack (throws for the cluster stack: it creates VMs, not objects). */
export function stackManifests(root: string, stack: string): Manifest[] {
  const values = readStackConfig(root, stack);
  if ((values.stackKind ?? 'scenario') === 'cluster') {
    throw new Error(`stack "${stack}" is the cluster stack: it creates Multipass VMs with MicroK8s, not Kubernetes objects; render a scenario stack instead`);
  }
  const config = parseScenarioConfig(stack, values);
  checkAgentModel(config);
  const spec = scenarioSpecFromConfig(config, traceLoader(root));
  return flattenManifests(buildScenarioManifests(spec, { k6Job: config.k6Job }));
}

/** Manifests → one YAML stream (`---` between documents), stable key order as built. */
export function toYamlStream(manifests: Manifest[]): string {
  return manifests.map((m) => `---\n${YAML.stringify(m, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('');
}
