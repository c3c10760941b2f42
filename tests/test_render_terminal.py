"""The terminal report at 80 and 120 columns: summary first, nothing cut, --show, --min-score,
human labels, and the attribution fields newer analyzers add (polarity, stance, via …)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from rich.console import Console

from newsift.model import Article, Finding, ModelInfo, Report, sort_findings, span_dict
from newsift.render import DEFAULT_SHOW, TerminalOptions, print_report
from newsift.render.style import kind_style
from newsift.render.terminal import article_text

TEXT = (
    "The Harbour Authority said on Monday that the eastern pier, closed since a storm in "
    "January, would reopen to ferries and cargo vessels by the end of the summer season.\n"
    "\n"
    "A port engineer, who asked not to be named, said the repairs had cost more than "
    "$40 million. The authority did not say whether tolls would rise.\n"
    "\n"
    "Critics called the plan a reckless gamble. Officials in Lisbon were quoted as saying the "
    "works breached a 2019 agreement."
)
WIDTHS = (80, 120)


def at(fragment: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def make(
    kind: str, label: str, fragment: str, score: float, analyzer: str = "", **fields: Any
) -> Finding:
    start, end = at(fragment)
    return Finding(
        kind,  # type: ignore[arg-type]
        label,
        start,
        end,
        fragment,
        score,
        analyzer or kind,
        {"rule": f"{kind} rule", "why": f"because of {fragment[:12]}"},
        fields,
    )


def span(fragment: str, **extra: Any) -> dict[str, Any]:
    return span_dict(TEXT, *at(fragment)) | extra


FIRST = (
    "The Harbour Authority said on Monday that the eastern pier, closed since a storm in "
    "January, would reopen to ferries and cargo vessels by the end of the summer season"
)
CONTENT = (
    "the eastern pier, closed since a storm in January, would reopen to ferries and cargo "
    "vessels by the end of the summer season"
)


def findings(new_fields: bool = True) -> list[Finding]:
    """Findings over :data:`TEXT`; with ``new_fields``, the fields attribution adds soon."""
    extra = {"polarity": "asserted", "stance": "statement", "via": None} if new_fields else {}
    authority = make(
        "attribution",
        "named_organization",
        FIRST,
        0.82,
        source=span("The Harbour Authority", type="named_organization", resolved=None)
        | ({"category": "government"} if new_fields else {}),
        cue=span("said"),
        content=span(CONTENT),
        **extra,
    )
    engineer = make(
        "attribution",
        "anonymous",
        "A port engineer, who asked not to be named, said the repairs had cost more than "
        "$40 million",
        0.76,
        source=span("A port engineer", type="anonymous", resolved=None),
        cue=span_dict(TEXT, *at("said", 2)),
        content=span("the repairs had cost more than $40 million"),
        **extra,
    )
    items = [authority, engineer]
    if new_fields:
        declined = make(
            "attribution",
            "named_organization",
            "The authority did not say whether tolls would rise",
            0.64,
            source=span("The authority", type="named_organization", resolved=None),
            cue=span("did not say"),
            content=span("whether tolls would rise"),
            polarity="declined",
            stance="statement",
            via=None,
        )
        unresolved = make(
            "attribution",
            "unknown",
            "the works breached a 2019 agreement",
            0.41,
            source={"start": None, "end": None, "text": None, "type": "unknown"},
            cue=None,
            content=span("the works breached a 2019 agreement"),
            polarity="negated",
            stance="allegation",
            via=authority.id,
        )
        items += [declined, unresolved]
    items += [
        make(
            "claim",
            "check-worthy",
            "would reopen to ferries",
            0.62,
            source_type="named_organization",
        ),
        make(
            "claim",
            "check-worthy",
            "the repairs had cost more than $40 million",
            0.93,
            source_type="anonymous",
        ),
        make("technique", "Loaded_Language", "a reckless gamble", 0.35, "techniques"),
        make(
            "place",
            "resolved",
            "Lisbon",
            0.97,
            "places",
            resolution={
                "geonameid": 2267057,
                "name": "Lisbon",
                "country": "PT",
                "admin1": "Lisbon",
                "lat": 38.72,
                "lon": -9.13,
            },
        ),
        make("time", "date", "Monday", 1.0, value="2025-03-03"),
        make("time", "duration", "the summer season", 0.5, value=None),
        make("entity", "ORG", "The Harbour Authority", 0.9, "entities"),
        make("flag", "unknown_place", "Lisbon", 0.8, "places"),
    ]
    return sort_findings(items)


def report(new_fields: bool = True, summary: dict[str, Any] | None = None) -> Report:
    found = findings(new_fields)
    counts: dict[str, int] = {}
    for f in found:
        if f.kind == "attribution":
            counts[f.label] = counts.get(f.label, 0) + 1
    sourcing: dict[str, Any] = {"counts": counts, "named_share": 0.5}
    if new_fields:
        sourcing["left_out"] = {"reported through another attribution": 1}
    return Report(
        Article(
            TEXT,
            title="Eastern pier to reopen",
            outlet="Harbour News",
            published=dt.date(2025, 3, 4),
        ),
        found,
        {"sourcing": sourcing} if summary is None else summary,
        [ModelInfo("en_core_web_sm", "3.8.0")],
        "0.1.0",
    )


def rendered(rep: Report, width: int, options: TerminalOptions | None = None) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_report(rep, console, options)
    return console.export_text()


def flat(text: str) -> str:
    return " ".join(text.split())


def findings_part(out: str) -> str:
    return out.split("─ Findings ─")[1]


@pytest.mark.parametrize("width", WIDTHS)
def test_sections_come_summary_first_then_article_then_findings(width: int) -> None:
    out = rendered(report(), width)
    order = [
        "Eastern pier to reopen",
        "─ Summary ─",
        "Sourcing:",
        "Claims to check:",
        "Places:",
        "Dates:",
        "Techniques:",
        "Flags:",
        "─ Article ─",
        "Highlighted:",
        "A port engineer, who asked",
        "─ Findings ─",
        "Attributed statements (4)",
        "Persuasion techniques (1)",
        "Claims to check (2)",
        "Places (1)",
        "Dates and times (2)",
        "Flags (1)",
    ]
    positions = [out.index(marker) for marker in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_source_cue_and_content_wrap_in_full(width: int) -> None:
    rep = report()
    out = rendered(rep, width)
    assert all(len(line) <= width for line in out.splitlines())
    listed = flat(findings_part(out))
    for f in rep.findings:
        if f.kind == "attribution":
            for key in ("source", "cue", "content"):
                text = (f.fields.get(key) or {}).get("text")
                if text:
                    assert flat(text) in listed, (key, text)
        elif f.kind != "entity":
            assert flat(f.text) in listed
    assert "…" not in findings_part(out)


@pytest.mark.parametrize("width", WIDTHS)
def test_labels_are_words_never_raw_keys_or_none(width: int) -> None:
    out = rendered(report(), width)
    raw_keys = ("named_organization", "named_person", "Loaded_Language", "unknown_place")
    for raw in (*raw_keys, "None", "null"):
        assert raw not in out, raw
    flat_out = flat(out)
    assert "named organisation" in flat_out and "anonymous source" in flat_out
    assert "Loaded Language" in flat_out
    assert "unknown place, perhaps misspelt — “Lisbon”" in flat_out


def test_claims_to_check_are_ranked_by_score() -> None:
    summary = rendered(report(), 120).split("─ Article ─")[0]
    first = summary.index("0.93  the repairs had cost")
    second = summary.index("0.62  would reopen to ferries")
    assert first < second


def test_negated_declined_via_unresolved_speaker_and_category_are_shown() -> None:
    listed = flat(findings_part(rendered(report(), 120)))
    assert "Polarity: declined: the source would not say" in listed
    assert "Polarity: negated: the source denies it" in listed
    assert "Stance: allegation" in listed
    assert "Reported via: A1" in listed
    assert "Source: speaker unresolved" in listed
    assert "The Harbour Authority (named organisation, government)" in listed
    summary = flat(rendered(report(), 120).split("─ Article ─")[0])
    assert (
        "Left out of the profile: 1 attributed statement (reported through another attribution)"
        in summary
    )
    assert "1 speaker unresolved" in summary


def test_reports_without_the_new_fields_still_render() -> None:
    out = flat(rendered(report(new_fields=False), 80))
    assert "Attributed statements (2)" in out
    assert "Polarity" not in out and "Reported via" not in out and "Left out" not in out


def test_entities_are_off_by_default_and_show_picks_the_kinds() -> None:
    rep = report()
    assert "entity" not in DEFAULT_SHOW
    out = rendered(rep, 100)
    assert "Named entities (" not in findings_part(out)
    assert "Not highlighted: named entities (1)" in out
    only = rendered(rep, 100, TerminalOptions(show=frozenset({"entity", "place"})))
    listed = findings_part(only)
    assert "Named entities (1)" in listed and "Places (1)" in listed
    assert "Claims to check (" not in listed and "Attributed statements (" not in listed


def test_show_decides_what_the_article_highlights() -> None:
    rep = report()
    console = Console(width=100)
    shown = [f for f in rep.findings if f.kind in {"place"}]
    text = article_text(TEXT, shown)
    lisbon = text.get_style_at_offset(console, TEXT.index("Lisbon"))
    assert lisbon == console.get_style(kind_style("place").rich)
    assert text.get_style_at_offset(console, TEXT.index("Monday")).bgcolor is None


def test_min_score_drops_weaker_findings_everywhere() -> None:
    out = rendered(report(), 120, TerminalOptions(min_score=0.7))
    flat_out = flat(out)
    assert "0.62" not in flat_out and "would reopen to ferries" not in flat(
        out.split("─ Article ─")[0]
    )
    assert "Loaded Language" not in flat_out  # 0.35
    assert "Persuasion techniques (" not in findings_part(out)
    assert "Claims to check (1)" in findings_part(out)
    assert "Attributed statements (2)" in findings_part(out)
    assert "2 named" not in flat_out and "1 named (0 people, 1 organisation)" in flat_out


def test_a_report_with_no_findings_says_so() -> None:
    rep = Report(Article("Nothing here at all."), [], {}, [], "0.1.0")
    out = rendered(rep, 80)
    assert "Findings: none" in out
    assert "No findings to list" in out
    out = rendered(report(), 80, TerminalOptions(min_score=1.0))
    assert "no attributed statements scoring 1.00 or more" in flat(out)


def test_time_values_are_said_in_words() -> None:
    summary = flat(rendered(report(), 120).split("─ Article ─")[0])
    assert "2025-03-03 — “Monday”" in summary
    assert "not normalised — “the summer season”" in summary
    assert re.search(r"Lisbon, PT ×1", summary)
