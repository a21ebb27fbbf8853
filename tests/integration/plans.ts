// Query plans as EXPLAIN (FORMAT JSON) gives them, for the tests that hold a statement to its plan.

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/** A plan's nodes, the root first, subplans included. */
export const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
