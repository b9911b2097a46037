import { GLOBAL_NAMES } from './globals.ts';
import { METHOD_NAMES } from './methods.ts';
import type { Node } from './parse-expression.ts';

/*
 * The functions and methods an expression calls that the garden does not evaluate, found in its
 * tree before any row is: so a misspelt or unsupported function is told even where no row reaches it.
 */

const globals = new Set(GLOBAL_NAMES);

function children(node: Node): Node[] {
  switch (node.type) {
    case 'list':
      return node.items;
    case 'object':
      return node.entries.map(([, value]) => value);
    case 'unary':
      return [node.arg];
    case 'binary':
      return [node.left, node.right];
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return [node.callee, ...node.args];
    default:
      return [];
  }
}

/** The unknown calls of an expression, as written (`shout()`, `.frobnicate()`), once each. */
export function unknownCalls(root: Node): string[] {
  const found = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'call' && node.callee.type === 'ident' && !globals.has(node.callee.name)) found.add(`${node.callee.name}()`);
    if (node.type === 'call' && node.callee.type === 'member' && !METHOD_NAMES.has(node.callee.name)) found.add(`.${node.callee.name}()`);
    stack.push(...children(node));
  }
  return [...found];
}
