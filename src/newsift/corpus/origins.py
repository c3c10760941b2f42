"""Copy families: connected components of the copy edges, their earliest source and tree.

Public API::

    find_origins(articles, edges) -> list[Family]

A family is a connected component of the copy graph (edges of any direction). Its
*earliest source* is the one member no determined edge makes a copy (the only root of the
forward edges) when every member descends from it. It is ``None`` (undetermined), with the
reason, when:

- several members are roots and their timestamps can't order them (missing or equal);
- the root is dated after a member that copies from it (a timestamp contradicts the text
  evidence: one of the two dates is wrong, and so may be the evidence);
- edges of the family form a cycle, or a member is reached only through undetermined edges
  whose order the timestamps can't settle.

Several roots that are all dated are ordered by time: the earliest is the source, and the
reason says so, unless an edge of that root was left undetermined because its timestamps
contradict the containment.

The derivation tree gives each other member one parent: among its sources (determined edges
into it), the one with the highest score, ties (within 0.02) going to the
most recent source before it, since a copy of a copy is nearer its direct parent in time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence

from newsift.corpus.components import connected_components
from newsift.corpus.model import CopyEdge, CorpusArticle, Family

_TIE = 0.02


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _components(edges: Sequence[CopyEdge]) -> list[list[str]]:
    """The families: groups of articles the edges connect, each sorted, in sorted order."""
    return sorted(sorted(g) for g in connected_components((e.source, e.copy) for e in edges))


def family_id(members: Sequence[str]) -> str:
    """A stable id from the sorted members."""
    digest = hashlib.blake2b("\x1f".join(sorted(members)).encode(), digest_size=8).hexdigest()
    return f"fam-{digest}"


def _after(t: dt.datetime | None, than: dt.datetime | None) -> bool:
    """Whether ``t`` is known and strictly later than the known ``than``."""
    return t is not None and than is not None and t > than


def _reachable(root: str, children: dict[str, list[str]]) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        for c in children.get(stack.pop(), []):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


def _tree(
    members: list[str],
    incoming: dict[str, list[CopyEdge]],
    when: dict[str, dt.datetime | None],
) -> tuple[tuple[str, str], ...]:
    pairs = []
    for m in members:
        sources = incoming.get(m, [])
        if not sources:
            continue
        best = max(e.score for e in sources)
        near = [e for e in sources if e.score >= best - _TIE]
        mine = when.get(m)

        def key(e: CopyEdge, mine: dt.datetime | None = mine) -> tuple[int, float, str]:
            t = when.get(e.source)
            if t is None or mine is None or t > mine:
                return (0, 0.0, e.source)
            return (1, t.timestamp(), e.source)

        pairs.append((max(near, key=key).source, m))
    return tuple(sorted(pairs))


def _earliest(
    members: list[str],
    forward: list[CopyEdge],
    undetermined: list[CopyEdge],
    when: dict[str, dt.datetime | None],
) -> tuple[str | None, str]:
    children: dict[str, list[str]] = defaultdict(list)
    has_source: set[str] = set()
    for e in forward:
        children[e.source].append(e.copy)
        has_source.add(e.copy)
    roots = [m for m in members if m not in has_source]
    if not roots:
        return None, "undetermined: the copy edges form a cycle"
    if len(roots) > 1:
        dated = [(when[r], r) for r in roots if when[r] is not None]
        if len(dated) < len(roots):
            missing = ", ".join(r for r in roots if when[r] is None)
            return (
                None,
                f"undetermined: several candidate sources, timestamps missing for {missing}",
            )
        dated.sort()
        if dated[0][0] == dated[1][0]:
            return None, "undetermined: several candidate sources with the same timestamp"
        root, reason = dated[0][1], "earliest of several candidate sources by timestamp"
        disputed = [
            e
            for e in undetermined
            if root in (e.source, e.copy) and "contradict" in e.direction_reason
        ]
        if disputed:
            other = disputed[0].copy if disputed[0].source == root else disputed[0].source
            return None, (
                f"undetermined: {root} is dated first, but its timestamp contradicts the "
                f"containment evidence with {other}"
            )
    else:
        root, reason = roots[0], "the only member no evidence makes a copy"
    covered = _reachable(root, children)
    others = [m for m in members if m not in covered]
    t_root = when[root]
    if others and (t_root is None or any(not _after(when[m], t_root) for m in others)):
        return None, (
            "undetermined: members linked only by undetermined edges can't be ordered: "
            + ", ".join(others)
        )
    if t_root is not None:
        earlier = [m for m in members if m != root and _after(t_root, when[m])]
        if earlier:
            return None, (
                f"undetermined: {root} is the source by the text evidence but "
                f"{', '.join(earlier)} is dated before it (timestamps contradict text evidence)"
            )
    return root, reason


def find_origins(articles: Sequence[CorpusArticle], edges: Sequence[CopyEdge]) -> list[Family]:
    """Group copy edges into families with their earliest source and derivation tree.

    Args:
        articles: The corpus (for publication times); ids not in it count as undated.
        edges: Copy edges from :func:`~newsift.corpus.copies.find_copies`.

    Returns:
        Families sorted by id; only articles in at least one edge belong to a family.
    """
    when: dict[str, dt.datetime | None] = {a.id: _utc(a.published) for a in articles}
    by_member: dict[str, list[CopyEdge]] = defaultdict(list)
    for e in edges:
        by_member[e.source].append(e)
    families = []
    for members in _components(edges):
        for m in members:
            when.setdefault(m, None)
        inside = set(members)
        fam_edges = [e for m in members for e in by_member.get(m, []) if e.copy in inside]
        forward = [e for e in fam_edges if e.direction == "forward"]
        undetermined = [e for e in fam_edges if e.direction != "forward"]
        earliest, reason = _earliest(members, forward, undetermined, when)
        incoming: dict[str, list[CopyEdge]] = defaultdict(list)
        for e in forward:
            incoming[e.copy].append(e)
        families.append(
            Family(
                family=family_id(members),
                members=tuple(members),
                earliest=earliest,
                reason=reason,
                tree=_tree(members, incoming, when),
            )
        )
    return sorted(families, key=lambda f: f.family)
