/**
 * The strongly connected components of a directed graph (Tarjan's algorithm): each node lands in
 * exactly one component, and the nodes of a component all reach each other. Edges to nodes outside
 * `nodes` are ignored. Used for reference cycles between types and import cycles between modules.
 */
export function stronglyConnected(
  nodes: Iterable<string>,
  edges: (node: string) => Iterable<string>,
): string[][] {
  const members = new Set(nodes);
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, order.size);
    low.set(node, order.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!members.has(next)) continue;
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, order.get(next)!));
      }
    }
    if (low.get(node) !== order.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    components.push(component);
  };
  for (const node of members) if (!order.has(node)) visit(node);
  return components;
}
