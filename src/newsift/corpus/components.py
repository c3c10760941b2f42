"""Connected components of a graph given by its links: copy families, story clusters."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def connected_components(links: Iterable[tuple[Node, Node]]) -> list[list[Node]]:
    """The groups of nodes that ``links`` connect (union-find with path halving).

    Only nodes that appear in a link are grouped. Each group keeps its nodes in the order
    they were first seen; groups come in the order their first node was seen.
    """
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[root_b] = root_a
    groups: dict[Node, list[Node]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    return list(groups.values())
