/**
 * A JDK ≤ 8 collection is one bracketed expression, its generations and
 * sub-phases nested inside:
 *
 *   [GC 0.769: [ParNew: 118006K->118006K(118016K), 0.0000176 secs]0.769: [CMS (concurrent mode failure): …] 209896K->20323K(249088K), [CMS Perm : …], 0.0187293 secs]
 *
 * Read as a tree, the outer node's own text (its text without the children)
 * holds the kind, cause, whole-heap transition and pause; each child is a
 * generation (`ParNew: a->b(c), t secs`) or a sub-phase (`Rescan …`,
 * `SoftReference, 0 refs, …`) whatever the decorations between them.
 */

export interface BracketNode {
  /** The node's text without its children's. */
  own: string;
  children: BracketNode[];
}

/** Bracket depth after `text`, starting from `depth`. */
export function depthAfter(text: string, depth: number): number {
  for (let i = text.indexOf('['), j = text.indexOf(']'); i !== -1 || j !== -1; ) {
    if (j === -1 || (i !== -1 && i < j)) {
      depth++;
      i = text.indexOf('[', i + 1);
    } else {
      depth--;
      j = text.indexOf(']', j + 1);
    }
  }
  return depth;
}

export interface ParsedNode {
  node: BracketNode;
  /** Index just past the node's closing bracket. */
  end: number;
}

/** The node whose `[` is at `open`, or null when it never closes. */
export function parseNode(text: string, open: number): ParsedNode | null {
  const stack: BracketNode[] = [];
  let current: BracketNode = { own: '', children: [] };
  let from = open + 1;
  // Jump from bracket to bracket: the text between them is copied, never scanned twice.
  let nextOpen = text.indexOf('[', from);
  let nextClose = text.indexOf(']', from);
  while (nextClose !== -1) {
    if (nextOpen !== -1 && nextOpen < nextClose) {
      current.own += text.slice(from, nextOpen);
      const child: BracketNode = { own: '', children: [] };
      current.children.push(child);
      stack.push(current);
      current = child;
      from = nextOpen + 1;
      nextOpen = text.indexOf('[', from);
    } else {
      current.own += text.slice(from, nextClose);
      from = nextClose + 1;
      const parent = stack.pop();
      if (!parent) return { node: current, end: from };
      current = parent;
      nextClose = text.indexOf(']', from);
    }
  }
  return null;
}
