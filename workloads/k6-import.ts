// Reads a real k6 script's `options` and think time from its syntax tree (acorn), never running the script:
// `export const|let options = {…}` or `const options = …; export { options }`, plus the numeric top-level
// `sleep(N)` calls of the default function. Unreadable options → WorkloadSpecError naming the path and line.
import { parse } from 'acorn';
import type { Expression, Function as FunctionNode, Program, Statement } from 'acorn';
import { snippet, staticValue, type StaticScope } from './static-eval.ts';
import { DEFAULT_K6_THINK_TIME_SECONDS } from './k6-workload.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** What a script says about its load: the options as plain data and the VU think time. */
export interface K6Import {
  /** The script's `options`, statically evaluated (JSON-serialisable). */
  options: Record<string, unknown>;
  /** Seconds each VU sleeps per iteration: the sum of the default function's top-level numeric sleep() calls. */
  thinkTimeSeconds: number;
  /** `sleep` = read from the script; `default` = none readable, DEFAULT_K6_THINK_TIME_SECONDS (1 s) assumed. */
  thinkTimeSource: 'sleep' | 'default';
  /** Why the default think time was used (no or non-numeric sleep); only matters for VU (closed) scenarios. */
  thinkTimeNote?: string;
  /** Things the import noticed but could not use (exec functions), for the user to read. */
  warnings: string[];
}

/** Parses the script text and extracts its options and think time. */
export function importK6Script(source: string): K6Import {
  let program: Program;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (err) {
    const loc = (err as { loc?: { line: number } }).loc;
    throw new WorkloadSpecError(`script (line ${loc?.line ?? '?'})`, (err as Error).message, 'valid JavaScript (ES module)', { cause: err });
  }
  const scope = topLevelScope(program.body);
  const optionsNode = findOptions(program.body, scope);
  refuseTopLevelMutation(program.body, source);
  const options = staticValue(optionsNode, scope, 'options', source);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new WorkloadSpecError(`options (line ${optionsNode.loc?.start.line})`, snippet(optionsNode, source), 'an object literal');
  }
  const warnings: string[] = [];
  const scenarios = (options as { scenarios?: Record<string, { exec?: unknown }> }).scenarios;
  const execs = scenarios && typeof scenarios === 'object' ? Object.entries(scenarios).filter(([, s]) => s && typeof s === 'object' && s.exec !== undefined) : [];
  if (execs.length > 0) {
    warnings.push(`scenarios ${execs.map(([n]) => n).join(', ')} run their own exec function; think time is read from the default function only`);
  }
  const think = readThinkTime(program.body, scope, source);
  return { options: options as Record<string, unknown>, ...think, warnings };
}

function topLevelScope(body: (Statement | import('acorn').ModuleDeclaration)[]): StaticScope {
  const scope: StaticScope = { consts: new Map(), mutable: new Set() };
  for (const stmt of body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (!decl || decl.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier') continue;
      if (decl.kind === 'const' && d.init) scope.consts.set(d.id.name, d.init);
      else scope.mutable.add(d.id.name);
    }
  }
  return scope;
}

// `options.stages = …` after the declaration would be missed by reading the declaration alone.
function refuseTopLevelMutation(body: Program['body'], source: string): void {
  for (const stmt of body) {
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression') continue;
    let target = stmt.expression.left;
    while (target.type === 'MemberExpression') target = target.object as typeof target;
    if (target.type === 'Identifier' && target.name === 'options') {
      throw new WorkloadSpecError(`options (line ${stmt.loc?.start.line})`, snippet(stmt.expression, source), 'options set once in their declaration (a later assignment cannot be read without running the script)');
    }
  }
}

function findOptions(body: Program['body'], scope: StaticScope): Expression {
  const lets = new Map<string, Expression>();
  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier' && d.init) lets.set(d.id.name, d.init);
    }
  }
  for (const stmt of body) {
    if (stmt.type !== 'ExportNamedDeclaration') continue;
    if (stmt.declaration?.type === 'VariableDeclaration') {
      for (const d of stmt.declaration.declarations) {
        if (d.id.type === 'Identifier' && d.id.name === 'options' && d.init) return d.init;
      }
    }
    for (const spec of stmt.specifiers) {
      const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
      if (exported !== 'options' || stmt.source) continue;
      const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
      const init = scope.consts.get(local) ?? lets.get(local);
      if (init) return init;
      throw new WorkloadSpecError(`export { options } (line ${spec.loc?.start.line})`, local, 'a top-level variable initialised with the options object');
    }
  }
  throw new WorkloadSpecError('options', undefined, 'an exported options object (`export const options = { … }`); without one k6 runs a single iteration');
}

function readThinkTime(body: Program['body'], scope: StaticScope, source: string): Pick<K6Import, 'thinkTimeSeconds' | 'thinkTimeSource' | 'thinkTimeNote'> {
  const fallback = (note: string) => ({ thinkTimeSeconds: DEFAULT_K6_THINK_TIME_SECONDS, thinkTimeSource: 'default' as const, thinkTimeNote: note });
  const fn = defaultFunction(body);
  if (!fn || fn.body.type !== 'BlockStatement') {
    return fallback(`no default function body found; think time ${DEFAULT_K6_THINK_TIME_SECONDS} s assumed`);
  }
  let total = 0;
  let found = 0;
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'CallExpression') continue;
    const callee = stmt.expression.callee;
    const isSleep = (callee.type === 'Identifier' && callee.name === 'sleep') || (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'sleep');
    if (!isSleep) continue;
    const arg = stmt.expression.arguments[0];
    let value: unknown;
    try {
      value = arg && arg.type !== 'SpreadElement' ? staticValue(arg, scope, 'sleep', source) : undefined;
    } catch {
      value = undefined;
    }
    if (typeof value !== 'number' || !(value >= 0)) {
      return fallback(`sleep at line ${stmt.loc?.start.line} has no fixed number of seconds (\`${snippet(stmt.expression, source)}\`); think time ${DEFAULT_K6_THINK_TIME_SECONDS} s assumed`);
    }
    total += value;
    found++;
  }
  if (found === 0) {
    return fallback(`the default function has no top-level sleep(N); think time ${DEFAULT_K6_THINK_TIME_SECONDS} s assumed`);
  }
  return { thinkTimeSeconds: total, thinkTimeSource: 'sleep' };
}

function defaultFunction(body: Program['body']): FunctionNode | undefined {
  for (const stmt of body) {
    if (stmt.type !== 'ExportDefaultDeclaration') continue;
    const d = stmt.declaration;
    if (d.type === 'FunctionDeclaration' || d.type === 'FunctionExpression' || d.type === 'ArrowFunctionExpression') return d;
    if (d.type === 'Identifier') {
      for (const s of body) {
        if (s.type === 'FunctionDeclaration' && s.id?.name === d.name) return s;
        if (s.type === 'VariableDeclaration') {
          for (const v of s.declarations) {
            if (v.id.type === 'Identifier' && v.id.name === d.name && (v.init?.type === 'FunctionExpression' || v.init?.type === 'ArrowFunctionExpression')) return v.init;
          }
        }
      }
    }
  }
  return undefined;
}
