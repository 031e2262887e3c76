// What a failed `pulumi up`/`destroy` means, in a few lines: the Automation API's CommandError carries the CLI's
// whole output (already streamed to the log as it ran), so the message a user reads is the engine's diagnostics —
// each resource's `error:` lines, deduplicated — not 150 lines of progress output printed a second time.

/** The most diagnostic lines a failure message keeps. */
const MAX_LINES = 8;

/**
 * Use where the Automation API rejects: "pulumi up STACK failed: <diagnostics>". The CommandError is not kept as
 * the cause: the CLI prints every cause, and this one is the whole output the log has already shown.
 */
export function pulumiFailure(operation: 'up' | 'destroy', stack: string, err: unknown): Error {
  const text = outputOf(err);
  const errors = diagnostics(text);
  const why = errors.length > 0 ? errors : [firstLine(err)];
  const kept = why.slice(0, MAX_LINES);
  const more = why.length > kept.length ? `\n  … and ${why.length - kept.length} more (the full output is in the log above)` : '';
  return new Error(`pulumi ${operation} ${stack} failed:\n  ${kept.join('\n  ')}${more}`);
}

function outputOf(err: unknown): string {
  const r = (err as { commandResult?: { stdout?: unknown; stderr?: unknown } } | undefined)?.commandResult;
  if (r && (typeof r.stdout === 'string' || typeof r.stderr === 'string')) return `${String(r.stdout ?? '')}\n${String(r.stderr ?? '')}`;
  return err instanceof Error ? err.message : String(err);
}

function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no output';
}

/**
 * The "Diagnostics:" section's errors as "<resource>: <message>": a resource line is indented two spaces and ends
 * in "):" or ":"; its messages are indented four and start with "error:". Warnings and progress lines are dropped.
 */
export function diagnostics(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let inDiagnostics = false;
  let resource = '';
  for (const line of text.split('\n')) {
    if (/^Diagnostics:\s*$/.test(line)) { inDiagnostics = true; continue; }
    if (!inDiagnostics) continue;
    if (/^\S/.test(line)) { inDiagnostics = false; continue; }
    const res = /^ {2}(\S.*?):\s*$/.exec(line);
    if (res) { resource = shortResource(res[1]); continue; }
    const e = /^ {4}error: (.*\S)\s*$/.exec(line);
    if (!e || e[1] === 'update failed' || e[1] === 'destroy failed') continue;
    const item = resource ? `${resource}: ${e[1]}` : e[1];
    if (!seen.has(item)) { seen.add(item); out.push(item); }
  }
  return out;
}

/** "kubernetes:apps/v1:Deployment (name)" → "Deployment name". */
function shortResource(r: string): string {
  const m = /^(?:[\w./-]+:)*([\w.-]+) \((.*)\)$/.exec(r);
  return m ? `${m[1]} ${m[2]}` : r;
}
