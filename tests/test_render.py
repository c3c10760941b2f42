"""The report renderers: terminal, json/jsonl, Markdown and HTML, on hand-built reports."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console

from newsift.errors import ConfigError
from newsift.model import Article, Finding, ModelInfo, Report, sort_findings, span_dict
from newsift.render import FORMATS, REPORT_FORMATS, print_report, render
from newsift.render.prose import reference_list
from newsift.render.segments import finding_ends
from newsift.render.words import kind_name

# A fictional article: nested, crossing and adjacent findings; emoji, combining accents.
TEXT = (
    "Mayor Alicia Brandt said on Tuesday that the Riverside bridge would reopen in March.\n"
    "\n"
    "“We are confident,” an official told reporters. Costs rose 40% since 2023 👩🏽‍🔬.\n"
    "\n"
    "Critics at Café Ne\u0301ron called it a “disaster” and a waste."
)
XSS = ("<script>alert(1)</script>", '" onerror="x', "</textarea>", "{{ 7*7 }}", "\u202e")
CSP = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    r"style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; "
)


def finding(text: str, kind: str, label: str, fragment: str, **fields: Any) -> Finding:
    """A finding over the first occurrence of ``fragment`` in ``text``."""
    start = text.index(fragment)
    evidence = {"rule": f"{label} rule", "why": f"because | of `{fragment}`"}
    return Finding(
        kind,  # type: ignore[arg-type]  # kinds beyond the Literal must render too
        label,
        start,
        start + len(fragment),
        fragment,
        0.875,
        "test",
        evidence,
        fields,
    )


def findings_for(text: str) -> list[Finding]:
    """Findings over :data:`TEXT`: an attribution with sub-spans, nested and crossing ones."""
    quote = "Mayor Alicia Brandt said on Tuesday that the Riverside bridge would reopen in March"
    return sort_findings(
        [
            finding(
                text,
                "attribution",
                "named",
                quote,
                source=span_dict(text, 0, 19) | {"type": "named"},
                cue=span_dict(text, 20, 24),
                content=span_dict(text, 36, len(quote)),
            ),
            finding(text, "entity", "PERSON", "Alicia Brandt"),
            finding(text, "time", "DATE", "Tuesday"),
            finding(text, "place", "GPE", "Riverside"),
            finding(text, "claim", "number", "Costs rose 40%"),
            finding(text, "technique", "Exaggeration", "40% since 2023 👩🏽‍🔬"),
            finding(text, "entity", "ORG", "Café Ne\u0301ron"),
            finding(text, "technique", "Loaded_Language", "disaster"),
            finding(text, "opinion", "strong", "a waste"),
        ]
    )


SOURCING = {
    "counts": {
        "named_person": 1,
        "named_organization": 1,
        "anonymous": 1,
        "vague": 0,
        "unknown": 0,
    },
    "named_share": 2 / 3,
}
LINE = (
    "Sourcing: 2 named (1 person, 1 organisation), 1 anonymous, 0 vague, 0 speaker unresolved"
    " — 67% of 3 attributed statements have a named source"
)


def make_report(
    text: str = TEXT,
    findings: list[Finding] | None = None,
    title: str = "Riverside bridge to reopen",
    summary: dict[str, Any] | None = None,
    **article: Any,
) -> Report:
    """A report built by hand, without spaCy."""
    found = findings_for(text) if findings is None else findings
    defaults: dict[str, Any] = {"outlet": "Example Wire", "published": dt.date(2024, 12, 11)}
    return Report(
        article=Article(text, title=title, **(defaults | article)),
        findings=found,
        summary={"sourcing": SOURCING, "tone": {"polarity": -0.2}} if summary is None else summary,
        models=[ModelInfo("en_core_web_sm", "3.8.0")],
        newsift_version="0.1.0",
    )


def terminal_text(report: Report) -> str:
    """What ``print_report`` shows on a 100-column console without colour."""
    console = Console(record=True, width=100, color_system=None)
    print_report(report, console)
    return console.export_text()


# --- the API ---------------------------------------------------------------------------


def test_formats_are_the_reports_and_the_batch_exports() -> None:
    assert REPORT_FORMATS == ("terminal", "json", "jsonl", "md", "html")
    assert (*REPORT_FORMATS, "csv", "parquet", "brat", "labelstudio") == FORMATS


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_every_format_renders_a_report_and_an_empty_one(fmt: str) -> None:
    assert "Riverside" in render(make_report(), fmt)
    assert "Riverside" in render(make_report(findings=[], summary={}), fmt)


def test_an_unknown_format_is_a_coded_error() -> None:
    with pytest.raises(ConfigError, match=r"\[E050\].*'pdf'.*html") as error:
        render(make_report(), "pdf")
    assert error.value.code == "E050"


# --- json and jsonl --------------------------------------------------------------------


def test_json_is_indented_and_round_trips() -> None:
    report = make_report(url="https://example.org/bridge")
    out = render(report, "json")
    assert out.startswith('{\n  "newsift_version"')
    assert Report.from_dict(json.loads(out)) == report


def test_jsonl_is_one_line_without_newline_and_round_trips() -> None:
    report = make_report()
    out = render(report, "jsonl")
    assert "\n" not in out
    assert Report.from_dict(json.loads(out)) == report


# --- terminal (more in test_render_terminal.py) ---------------------------------------


def test_terminal_never_interprets_article_text() -> None:
    text = (
        "[bold]loud[/bold] [link=https://evil.example]x[/link] :smile: \x1b[2Jgone\x07 \u202eevil"
    )
    out = terminal_text(make_report(text=text, findings=[], title="[red]t[/red]"))
    assert "[bold]loud[/bold] [link=https://evil.example]x[/link] :smile:" in out
    assert "[red]t[/red]" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2Jgone" in out and "⟨U+202E⟩e" in out


@pytest.mark.regression
def test_terminal_shows_c1_controls_and_lone_surrogates_instead_of_sending_them() -> None:
    # C1 CSI (U+009B) is ESC [ to many terminals; a lone surrogate can't be encoded at all.
    out = terminal_text(
        make_report(text="Price \x9b2J up", findings=[], title="t\udcff", outlet="o\x1b]0;x\x07")
    )
    assert "\x9b" not in out and "\x1b" not in out and "\udcff" not in out
    assert "Price \\x9b2J up" in out and "t\\udcff" in out and "o\\x1b]0;x\\x07" in out


def test_render_terminal_to_a_string_is_plain_text() -> None:
    out = render(make_report(), "terminal")
    assert "\x1b" not in out
    assert "Riverside" in out and "Attributed statements (1)" in out


# --- markdown --------------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable("table")


def test_markdown_layout() -> None:
    report = make_report()
    out = render(report, "md")
    assert out.startswith("# Riverside bridge to reopen\n\n- **Outlet:** Example Wire\n")
    assert f"**Sourcing:** {LINE.removeprefix('Sourcing: ')}" in out
    assert out.index("## Summary") < out.index("## Findings") < out.index("## Article")
    summary = out.split("## Findings")[0]
    assert summary.index("### Sources") < summary.index("### Claims to check")
    assert "1. 0.88 Costs rose 40%" in summary
    findings = out.split("## Findings")[1].split("## Article")[0]
    assert "### Named entities (2)" in findings and "#### E1 · person · score 0.88" in findings
    assert "- **Cue:** said" in findings
    # Markdown can't nest: a run covered by several findings is one bold run, cut at markers.
    assert "> **Mayor Alicia Brandt**[E1] **said on Tuesday**[D1] **that the Riverside**[P1]" in out
    assert "**bridge would reopen in March**[A1]." in out
    for fragment in ("**Café Ne\u0301ron**[E2]", "“**disaster**[T2]”", "**a waste**[O1]"):
        assert fragment in out
    assert "\n>\n> “We are confident,”" in out


def test_markdown_findings_survive_pipes_backticks_and_newlines() -> None:
    report = make_report()
    out = render(report, "md")
    assert "- **Why:** because \\| of \\`disaster\\`" in out
    rendered = MD.render(out)
    assert "<strong>Why:</strong> because | of `disaster`</li>" in rendered
    assert "<table>" not in rendered and "<code>" not in rendered


HOSTILE = (
    "# Not a heading\n"
    "- not a list\n"
    "1. not a list\n"
    "    not code\n"
    "> not a quote\n"
    "---\n"
    "[click](javascript:alert(1)) ![img](http://x.example/i.png) <http://x.example>\n"
    "<script>alert(1)</script> <b>bold</b> &amp; &lt; *em* _em_ `code` \\* | a | b |\n"
    "[ref]: http://x.example\r"
    "=== setext\n"
    "~~~\n"
    "$x$ {attr}"
)


def test_markdown_escapes_a_hostile_article_and_title() -> None:
    report = make_report(text=HOSTILE, findings=[], title="[t](http://x.example) <i>t</i>\n# h")
    rendered = MD.render(render(report, "md"))
    for tag in ("<a ", "<img", "<script", "<b>", "<em>", "<code>", "<pre>", "<ul>", "<ol>", "<hr"):
        assert tag not in rendered.split("<h2>Article</h2>")[1], tag
    assert rendered.count("<h1>") == 1 and rendered.count("<blockquote>") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<h1>[t](http://x.example) &lt;i&gt;t&lt;/i&gt; # h</h1>" in rendered


class _TextOf(HTMLParser):
    """The text content and the tag names of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.regression
def test_markdown_shows_escape_c1_and_bidi_controls_instead_of_passing_them() -> None:
    text = "Clear \x1b[2J screen, C1 \x9b31m red, total \u202e0001$\u2069 and bell\x07."
    start, end = text.index("C1"), text.index(", total")
    claim = Finding("claim", "X", start, end, text[start:end], 0.5, "t", {})
    report = make_report(
        text=text,
        findings=[claim],
        title="Title \x1b]8;;https://evil.example\x07link",
        outlet="\u202eX",
    )
    out = render(report, "md")
    controls = {"\x1b", "\x9b", "\x07", "\u202e", "\u2069"}
    assert not controls & set(out)
    quote = MD.render(out.split("## Article\n\n", 1)[1])
    assert "Clear \\x1b[2J screen, <strong>C1 \\x9b31m red</strong>[C1], total " in quote
    assert "total ⟨U+202E⟩0001$⟨U+2069⟩ and bell\\x07." in quote
    rendered = MD.render(out)
    assert "Title \\x1b]8;;https://evil.example\\x07link" in rendered
    assert "⟨U+202E⟩X" in rendered


def _with_markers(text: str, findings: list[Finding]) -> str:
    """The article text with each finding's ``[C1]`` inserted after it, as Markdown does."""
    ends = finding_ends(text, findings)
    marks = reference_list(findings)
    out = "".join(f"[{marks[i]}]" for i in ends.get(0, []))
    for pos, char in enumerate(text, 1):
        out += char + "".join(f"[{marks[i]}]" for i in ends.get(pos, []))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@st.composite
def hostile_cases(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    """Text made of Markdown syntax, with findings anywhere in it."""
    alphabet = st.sampled_from([*"ab1 .-+#>*_`[]()<>!&|~$\\:=\n\r\t", "é", "“", "😀"])
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=40))
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=5))
    found = [
        Finding("claim", "X", a, b, text[a:b], 0.5, "t", {})
        for a, b in sorted({(min(p), max(p)) for p in pairs})
    ]
    return text, found


@settings(max_examples=150, deadline=None)
@given(hostile_cases())
def test_markdown_article_renders_as_its_own_text_and_nothing_else(
    case: tuple[str, list[Finding]],
) -> None:
    text, found = case
    out = render(make_report(text=text, findings=found, summary={}), "md")
    quote = MD.render(out.split("## Article\n\n", 1)[1])
    parser = _TextOf()
    parser.feed(quote)
    assert parser.tags <= {"blockquote", "p", "strong", "br"}
    assert _squash("".join(parser.text)) == _squash(_with_markers(text, found))


# --- html ------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Highlights, panel entries and attributes of a rendered report page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.highlighted: dict[int, str] = {}
        self.marks: list[dict[str, str | None]] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag == "mark":
            self.marks.append(dict(attrs))
            self._open = [int(n) for n in (dict(attrs)["data-findings"] or "").split()]

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = []

    def handle_data(self, data: str) -> None:
        for n in self._open:
            self.highlighted[n] = self.highlighted.get(n, "") + data


def page(report: Report) -> tuple[str, _Page]:
    out = render(report, "html")
    parsed = _Page()
    parsed.feed(out)
    return out, parsed


def script_data(out: str) -> str:
    match = re.search(r'<script type="application/json" id="newsift-data">(.*?)</script>', out)
    assert match
    return match.group(1)


def test_html_highlights_every_finding_and_lists_it_in_the_panel() -> None:
    report = make_report()
    out, parsed = page(report)
    assert CSP.search(out) and "unsafe-inline" not in out
    for n, f in enumerate(report.findings, 1):
        assert parsed.highlighted[n] == f.text
        entry = out.split(f'<li id="f{n}"')[1].split("</li>")[0]
        assert f'class="finding k-{f.kind}"' in entry
        words = kind_name(f.kind).capitalize()
        for value in (words, html.escape(f.text, quote=False), "0.88", "because | of"):
            assert value in entry, (n, value)
        assert f'href="#f{n}"' in out  # the number after the finding
    assert all(m["title"] and "score 0.88" in m["title"] for m in parsed.marks)
    stops = [m for m in parsed.marks if m.get("tabindex") == "0"]
    shown = [f for f in report.findings if f.kind != "entity"]  # entities start hidden
    assert len(stops) == len(shown)  # one keyboard stop where each shown finding starts
    attribution = out.split('<li id="f1"')[1].split("</li>")[0]
    assert "<dt>Source</dt>" in attribution and "“Mayor Alicia Brandt”" in attribution
    assert "<dt>Source type</dt>" in attribution and "<dt>Cue</dt>" in attribution
    assert "source.type" not in attribution and "null" not in attribution


def test_html_has_legend_toggles_sourcing_and_summary() -> None:
    out, _ = page(make_report())
    for kind in ("attribution", "technique", "claim", "place", "time"):
        assert f'<input type="checkbox" data-kind="{kind}" checked>' in out
    assert '<input type="checkbox" data-kind="entity">' in out  # entities start hidden
    assert 'data-kind="flag"' not in out  # no toggle for a kind the report lacks
    assert 'data-kind="opinion"' in out  # kinds no analyzer has yet still get a toggle
    assert LINE in out
    assert '<span dir="auto">Alicia Brandt</span> (person) ×1' in out


def test_html_without_findings_or_sourcing() -> None:
    out, parsed = page(make_report(findings=[], summary={}))
    assert "No findings." in out and "Sourcing" not in out and not parsed.marks
    assert json.loads(script_data(out)) == {"findings": [], "hiddenKinds": ["entity"]}


def test_html_is_self_contained() -> None:
    out, parsed = page(make_report())
    assert not re.search(r"https?:|//cdn|@import|url\(", out, re.IGNORECASE)
    for tag, name, value in parsed.attributes:
        if name in ("src", "href", "action", "srcset", "poster"):
            assert (value or "").startswith("#"), (tag, name, value)
    assert parsed.tags.count("script") == 2 and "link" not in parsed.tags


def test_html_shows_the_article_url_as_text_not_as_a_link() -> None:
    out, parsed = page(make_report(url="https://example.org/bridge?a=1&b=2"))
    assert '<dd dir="auto">https://example.org/bridge?a=1&amp;b=2</dd>' in out
    assert out.count("https:") == 1
    assert all(name != "href" or (v or "").startswith("#") for _, name, v in parsed.attributes)


@pytest.mark.parametrize("payload", XSS)
def test_html_escapes_hostile_text_everywhere(payload: str) -> None:
    text = f"Before {payload} after. Mayor {payload} spoke."
    hostile = finding(
        text, "attribution", payload, f"Mayor {payload}", source=span_dict(text, 0, 6)
    )
    report = make_report(
        text=text,
        findings=[hostile],
        title=f"Title {payload}",
        outlet=payload,
        summary={"sourcing": {"counts": {payload: 1}}, payload: payload},
    )
    out, parsed = page(report)
    if payload == "{{ 7*7 }}":  # harmless as HTML; it must stay text, not run as a template
        assert f"Mayor {payload}</mark>" in out and "49" not in out
    else:
        assert payload not in out
    assert parsed.tags.count("script") == 2 and "textarea" not in parsed.tags
    assert not any(name == "onerror" for _, name, _ in parsed.attributes)
    assert parsed.highlighted[1] == hostile.text.replace("\u202e", "U+202E")
    data = script_data(out)
    assert not re.search(r"[<>&\u202e]", data)
    assert json.loads(data)["findings"][0]["label"] == payload


def test_html_template_syntax_in_the_article_stays_text() -> None:
    out, _ = page(make_report(text="Sum {{ 7*7 }} and {% if 1 %}x{% endif %} {# c #}", findings=[]))
    assert "Sum {{ 7*7 }} and {% if 1 %}x{% endif %} {# c #}" in out


def test_html_shows_bidi_overrides_instead_of_obeying_them() -> None:
    out, _ = page(make_report(text="Total: \u202e0001$\u202c.", findings=[], title="\u202eeltit"))
    assert "\u202e" not in out and "\u202c" not in out
    assert '<span class="ctl" title="hidden control character U+202E">U+202E</span>0001$' in out
    assert "<title>⟨U+202E⟩eltit — newsift report</title>" in out


def test_every_kind_has_its_own_colour_and_line_style() -> None:
    from newsift.model import FINDING_KINDS
    from newsift.render.style import KIND_STYLES

    assert tuple(KIND_STYLES) == FINDING_KINDS
    styles = KIND_STYLES.values()
    assert len({s.colour for s in styles}) == len({s.line for s in styles}) == len(FINDING_KINDS)
    assert len({s.css for s in styles}) == len(FINDING_KINDS)
