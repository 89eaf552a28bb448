/** The persons a committed write changed, as Dexie's `storagemutated` reports them. */

/** A node of the interval tree Dexie reports changed keys in (a plain object when it comes from another tab). */
export interface TreeNode {
  from?: unknown;
  to?: unknown;
  l?: TreeNode | null;
  r?: TreeNode | null;
}

/** The single keys of the tree, or null when it holds a range. */
export function singleKeys(node: TreeNode | null | undefined, out: string[] = []): string[] | null {
  if (!node || !('from' in node)) return out;
  if (node.from !== node.to || typeof node.from !== 'string') return null;
  if (!singleKeys(node.l, out)) return null;
  out.push(node.from);
  return singleKeys(node.r, out);
}
