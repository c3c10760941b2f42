"""The five source types and the shape of a source decision."""

from __future__ import annotations

from typing import Literal

SourceType = Literal["named_person", "named_organization", "anonymous", "vague", "unknown"]


#: What :func:`classify_source` decides: source type, resolved name, role and evidence.
SourceDecision = tuple[SourceType, str | None, str | None, dict[str, str]]
