// Rendering a received value inside an error message ("got …, expected …"), shared by every input validator.

/** Short, JSON-like text of a value for an error message; `nothing (missing)` for undefined. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
