// Reads a JavaScript expression's value from its syntax tree without running anything: literals, arrays,
// objects, template strings, unary minus/plus, + − × ÷ on literals, references to top-level `const`s,
// `__ENV.X` (undefined: no environment) with `||`/`??` defaults. Anything else is an error naming the path and line.
import type { Expression, Node, SpreadElement } from 'acorn';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** Top-level `const` initialisers by name (and `let`/`var` names, which cannot be trusted). */
export interface StaticScope {
  consts: Map<string, Expression>;
  mutable: Set<string>;
}

const READABLE = 'a value readable without running the script (literal, array, object, template string, a top-level const)';

/** Evaluates `node` to plain data; `path` is the option path used in errors (e.g. `options.stages[0].target`). */
export function staticValue(node: Expression | SpreadElement, scope: StaticScope, path: string, source: string, seen: Set<string> = new Set()): unknown {
  const fail = (what: string): never => {
    throw new WorkloadSpecError(`${path} (line ${node.loc?.start.line ?? '?'})`, snippet(node, source), `${READABLE}; found ${what}`);
  };
  const sub = (child: Expression | SpreadElement, childPath: string) => staticValue(child, scope, childPath, source, seen);
  switch (node.type) {
    case 'Literal':
      if ('regex' in node && node.regex) return fail('a regular expression');
      if (typeof node.value === 'bigint') return fail('a BigInt');
      return node.value;
    case 'TemplateLiteral': {
      let out = node.quasis[0].value.cooked ?? '';
      node.expressions.forEach((e, i) => {
        const v = sub(e, path);
        if (typeof v !== 'string' && typeof v !== 'number') fail('a template expression that is not a string or number');
        out += String(v) + (node.quasis[i + 1].value.cooked ?? '');
      });
      return out;
    }
    case 'ArrayExpression': {
      const out: unknown[] = [];
      node.elements.forEach((e, i) => {
        if (e === null) return fail('an array hole');
        if (e.type === 'SpreadElement') {
          const v = sub(e.argument, path);
          if (!Array.isArray(v)) return fail('a spread of something that is not an array');
          out.push(...v);
        } else out.push(sub(e, `${path}[${i}]`));
      });
      return out;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.type === 'SpreadElement') {
          const v = sub(p.argument, path);
          if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('a spread of something that is not an object');
          Object.assign(out, v);
          continue;
        }
        if (p.kind !== 'init' || p.method) return fail(`a ${p.method ? 'method' : p.kind === 'get' ? 'getter' : 'setter'}`);
        let key: unknown;
        if (p.computed) key = sub(p.key, path);
        else if (p.key.type === 'Identifier') key = p.key.name;
        else if (p.key.type === 'Literal') key = p.key.value;
        if (typeof key !== 'string' && typeof key !== 'number') return fail('a property key that is not a name, string or number');
        out[String(key)] = sub(p.value, `${path}.${String(key)}`);
      }
      return out;
    }
    case 'UnaryExpression': {
      const v = sub(node.argument, path);
      if (node.operator === '-' && typeof v === 'number') return -v;
      if (node.operator === '+' && typeof v === 'number') return v;
      if (node.operator === '!') return !v;
      return fail(`the operator ${node.operator} on ${typeof v}`);
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return fail('a private name');
      const a = sub(node.left, path);
      const b = sub(node.right, path);
      if (typeof a === 'number' && typeof b === 'number') {
        if (node.operator === '+') return a + b;
        if (node.operator === '-') return a - b;
        if (node.operator === '*') return a * b;
        if (node.operator === '/') return a / b;
      }
      if (node.operator === '+' && (typeof a === 'string' || typeof b === 'string') && isScalar(a) && isScalar(b)) return String(a) + String(b);
      return fail(`the operator ${node.operator} on ${typeof a} and ${typeof b}`);
    }
    case 'LogicalExpression': {
      const a = sub(node.left, path);
      if (node.operator === '||') return a || sub(node.right, path);
      if (node.operator === '??') return a ?? sub(node.right, path);
      return a && sub(node.right, path);
    }
    case 'MemberExpression':
      if (node.object.type === 'Identifier' && node.object.name === '__ENV') return undefined;
      return fail('a property access (only `__ENV.X` is understood, as unset)');
    case 'Identifier': {
      if (node.name === 'undefined') return undefined;
      if (node.name === 'Infinity') return Infinity;
      const init = scope.consts.get(node.name);
      if (init === undefined) return fail(scope.mutable.has(node.name) ? `\`${node.name}\`, declared with let/var (only a const is certain)` : `\`${node.name}\`, which is not a top-level const`);
      if (seen.has(node.name)) return fail(`a circular reference through \`${node.name}\``);
      return staticValue(init, scope, path, source, new Set([...seen, node.name]));
    }
    case 'CallExpression':
      return fail(`a function call (\`${snippet(node.callee, source)}(…)\`), which would need the script to run`);
    default:
      return fail(`${describeNode(node.type)}`);
  }
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function describeNode(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `a ${words}`;
}

/** The source text of a node, shortened for messages. */
export function snippet(node: Node, source: string): string {
  const text = source.slice(node.start, node.end).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
