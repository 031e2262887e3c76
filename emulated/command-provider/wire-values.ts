// The engine's wire forms inside provider requests (a gRPC Struct turned into plain JS by the Node SDK's provider
// server): a secret is `{ <sigKey>: <secretSig>, value }`, an unknown (preview-time computed) value is a fixed
// UUID string. Use these when reading inputs to run a command (reveal) and when deciding an output's secretness.
import { specialSecretSig, specialSigKey, unknownValue } from '@pulumi/pulumi/runtime/rpc.js';

/** True when `v` is a secret-wrapped value on the wire. */
export function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

/** Wraps `v` as a secret (idempotent). */
export function asSecret(v: unknown): unknown {
  return isSecret(v) ? v : { [specialSigKey]: specialSecretSig, value: v };
}

/** `v` with every secret wrapper removed, at any depth: what the command really receives. */
export function reveal(v: unknown): unknown {
  if (isSecret(v)) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
  return v;
}

/** True when `v` holds a secret anywhere inside it. */
export function containsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(containsSecret);
  return false;
}

/** True when `v` is, or holds, a value not known until an earlier resource is created. */
export function containsUnknown(v: unknown): boolean {
  if (v === unknownValue) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(containsUnknown);
  return false;
}

/** Structural equality of two wire values (secret wrappers compare as objects, so secretness counts). */
export function wireEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => wireEqual(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] != null);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] != null);
    return ka.length === kb.length && ka.every((k) => wireEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
