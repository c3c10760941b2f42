"""The sourcing profile is counted by one set of rules everywhere: the analyzer's summary, the
digest a ``--min-score`` report recomputes, and the ``articles``/``outlets`` tables (only
asserted statements with a resolved source count; the rest are left out by reason)."""

from __future__ import annotations

import dataclasses

import pytest

from newsift.analyzers.attribution import summarize
from newsift.model import Finding, Report, sort_findings
from newsift.render import TerminalOptions, digest
from newsift.render.tables import Outlets, article_row
from tests.test_render_terminal import findings, make, rendered, span
from tests.test_render_terminal import report as terminal_report


def _belief() -> Finding:
    """An asserted belief that scores high: left out of the profile whatever the threshold."""
    return make(
        "attribution",
        "vague",
        "Critics called the plan a reckless gamble",
        0.9,
        source=span("Critics", type="vague", resolved=None, category="other"),
        cue=span("called"),
        content=span("the plan a reckless gamble"),
        polarity="asserted",
        stance="belief",
        via=None,
    )


def profile_report() -> Report:
    """A report whose summary is the analyzer's own summary of its findings."""
    found = sort_findings([*findings(), _belief()])
    return dataclasses.replace(terminal_report(), findings=found, summary=summarize(found))


def test_the_digest_at_min_score_0_is_the_analyzers_summary() -> None:
    report = profile_report()
    as_summarised = digest.sourcing(report, report.findings, filtered=False)
    recomputed = digest.sourcing(report, report.findings, filtered=True)
    assert as_summarised == recomputed
    assert recomputed is not None
    assert recomputed.counts == report.summary["sourcing"]["counts"]
    assert recomputed.left_out == report.summary["sourcing"]["left_out"]
    assert recomputed.left_out == {"belief": 1, "declined": 1, "negated": 1}


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8])
def test_a_threshold_never_counts_a_left_out_statement(threshold: float) -> None:
    report = profile_report()
    kept = digest.kept(report.findings, threshold)
    profile = digest.sourcing(report, kept, filtered=True)
    assert profile is not None
    asserted = [
        f
        for f in kept
        if f.kind == "attribution"
        and f.fields.get("polarity") == "asserted"
        and f.fields.get("stance") == "statement"
    ]
    assert profile.total == len(asserted)
    assert profile.counts["vague"] == 0  # the belief is never counted as a vague statement
    assert profile.left_out["belief"] == 1
    assert sum(profile.left_out.values()) + profile.total == sum(
        1 for f in kept if f.kind == "attribution"
    )


def test_the_terminal_profile_with_min_score_says_what_it_left_out() -> None:
    out = " ".join(rendered(profile_report(), 120, TerminalOptions(min_score=0.7)).split())
    assert "1 named (0 people, 1 organisation), 1 anonymous, 0 vague" in out
    assert "50% of 2 attributed statements" in out
    assert "Left out of the profile: 1 attributed statement (belief)" in out
    assert "(declined)" not in out and "(negated)" not in out  # both score below 0.7


def test_tables_count_as_the_profile_does() -> None:
    report = profile_report()
    row = article_row(report, report.findings)
    sourcing = report.summary["sourcing"]
    counted = sum(sourcing["counts"].values())
    assert row["attributions"] == 5
    assert row["profiled_attributions"] == counted == 2
    assert row["named_attributions"] == 1
    assert row["named_share"] == pytest.approx(sourcing["named_share"], abs=1e-3)
    outlets = Outlets()
    outlets.add(row)
    outlets.add(row)
    (total,) = outlets.rows()
    assert total["profiled_attributions"] == 4 and total["named_attributions"] == 2
    assert total["named_share"] == pytest.approx(0.5)
