// Offline validation of a manifest against the Kubernetes OpenAPI schemas (kubernetes-models 4.5.1). The two
// prometheus-operator CRDs have no schema installed here (@kubernetes-models/prometheus-operator is not a
// dependency), so they get a structural check of the fields the operator requires.
import { Namespace, ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import type { Manifest } from './scenario-spec.ts';

type Validator = (m: Manifest) => void;

const schemaValidators: Record<string, Validator> = {
  'v1/Namespace': (m) => new Namespace(m as never).validate(),
  'v1/ConfigMap': (m) => new ConfigMap(m as never).validate(),
  'v1/Service': (m) => new Service(m as never).validate(),
  'v1/ServiceAccount': (m) => new ServiceAccount(m as never).validate(),
  'apps/v1/Deployment': (m) => new Deployment(m as never).validate(),
  'batch/v1/Job': (m) => new Job(m as never).validate(),
  'autoscaling/v2/HorizontalPodAutoscaler': (m) => new HorizontalPodAutoscaler(m as never).validate(),
  'rbac.authorization.k8s.io/v1/Role': (m) => new Role(m as never).validate(),
  'rbac.authorization.k8s.io/v1/RoleBinding': (m) => new RoleBinding(m as never).validate(),
  'monitoring.coreos.com/v1/ServiceMonitor': checkServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': checkPrometheusRule,
};

/** True when the kind is checked against an OpenAPI schema (false = structural check only). */
export function hasSchema(m: Manifest): boolean {
  return !m.apiVersion.startsWith('monitoring.coreos.com/');
}

/** Throws an Error naming the object and the schema violations; returns silently when valid. */
export function validateManifest(m: Manifest): void {
  const id = `${m.kind}/${m.metadata?.name ?? '?'}`;
  const validator = schemaValidators[`${m.apiVersion}/${m.kind}`];
  if (!validator) throw new Error(`${id}: no validator for apiVersion ${m.apiVersion} kind ${m.kind}`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(m.metadata.name) || m.metadata.name.length > 63) {
    throw new Error(`${id}: metadata.name must be a DNS-1123 label of at most 63 characters`);
  }
  try {
    validator(m);
  } catch (err) {
    throw new Error(`${id}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function need(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkServiceMonitor(m: Manifest): void {
  const spec = m.spec;
  need(isRecord(spec), 'spec must be an object');
  const s = spec as Record<string, unknown>;
  need(isRecord(s.selector), 'spec.selector must be a label selector object');
  need(Array.isArray(s.endpoints) && s.endpoints.length > 0, 'spec.endpoints must be a non-empty array');
  for (const [i, e] of (s.endpoints as unknown[]).entries()) {
    need(isRecord(e) && (typeof e.port === 'string' || typeof e.targetPort !== 'undefined'), `spec.endpoints[${i}] needs port (name) or targetPort`);
    if (isRecord(e) && e.interval !== undefined) need(/^(\d+(ms|s|m|h))+$/.test(String(e.interval)), `spec.endpoints[${i}].interval must be a Prometheus duration`);
  }
}

function checkPrometheusRule(m: Manifest): void {
  const spec = m.spec;
  need(isRecord(spec) && Array.isArray((spec as Record<string, unknown>).groups), 'spec.groups must be an array');
  for (const [gi, g] of ((spec as Record<string, unknown>).groups as unknown[]).entries()) {
    need(isRecord(g) && typeof g.name === 'string' && Array.isArray(g.rules), `spec.groups[${gi}] needs name and rules`);
    for (const [ri, r] of ((g as Record<string, unknown>).rules as unknown[]).entries()) {
      const at = `spec.groups[${gi}].rules[${ri}]`;
      need(isRecord(r) && typeof r.expr === 'string' && r.expr.length > 0, `${at}.expr must be a non-empty string`);
      const rule = r as Record<string, unknown>;
      need((typeof rule.alert === 'string') !== (typeof rule.record === 'string'), `${at} needs exactly one of alert or record`);
      if (rule.for !== undefined) need(/^(\d+(ms|s|m|h|d|w|y))+$/.test(String(rule.for)), `${at}.for must be a Prometheus duration`);
    }
  }
}
