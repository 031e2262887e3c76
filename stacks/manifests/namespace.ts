// The scenario's own namespace: deleting it removes everything the scenario created.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';

/** Builds the Namespace of one scenario. */
export function buildNamespace(spec: ScenarioSpec): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: spec.namespace, labels: stackLabels(spec, 'namespace') } };
}
