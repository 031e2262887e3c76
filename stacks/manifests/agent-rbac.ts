// Least privilege for the in-cluster agent: read its Deployment, read and patch its scale subresource, in its
// own namespace only. Nothing else (no pods, no list/watch, no cluster scope).
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';

/** The only rules the agent's Role grants (tests assert the Role equals exactly these). */
export const AGENT_RULES = [
  { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'patch'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
] as const;

/** Builds the agent's ServiceAccount. */
export function buildAgentServiceAccount(spec: ScenarioSpec): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: spec.agent.name, namespace: spec.namespace, labels: stackLabels(spec, 'autoscaler') } };
}

/** Builds the namespaced Role (see AGENT_RULES). */
export function buildAgentRole(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: spec.agent.name, namespace: spec.namespace, labels: stackLabels(spec, 'autoscaler') },
    rules: AGENT_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
  };
}

/** Binds the Role to the agent's ServiceAccount. */
export function buildAgentRoleBinding(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: spec.agent.name, namespace: spec.namespace, labels: stackLabels(spec, 'autoscaler') },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: spec.agent.name },
    subjects: [{ kind: 'ServiceAccount', name: spec.agent.name, namespace: spec.namespace }],
  };
}
