"""The one report view (standalone HTML and web page): words, filters' data, new attribution
fields, the hashed CSP, and the place map (outlines, labels, missing coordinates)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsift.errors import ConfigError
from newsift.model import Article, Finding, Report, span_dict
from newsift.render import render
from newsift.render.placemap import (
    Place,
    map_svg,
    map_view,
    outlines,
    outlines_in,
    place_labels,
    places_panel,
)
from newsift.render.prose import byline_items
from newsift.render.reportview import (
    claim_rows,
    finding_rows,
    page_data,
    report_view,
    source_rows,
)
from newsift.render.words import field_rows, finding_label, value_text
from newsift.train.world_outlines import build_outlines, main, read_topology, ring_path, unwrap

TEXT = (
    "Ministers said the bridge was safe. The agency denied that it had been warned. "
    "A spokesman declined to say whether repairs had begun. It was reported that costs rose, "
    "according to officials quoted by the ministry."
)


def attribution(text: str, content: str, source: str, cue: str, kind: str, **extra: Any) -> Finding:
    """An attribution over ``content``…``cue`` with its three sub-spans."""
    c, s = text.index(content), text.index(source)
    q = text.index(cue, min(c, s))
    start, end = min(c, s), max(c + len(content), q + len(cue), s + len(source))
    return Finding(
        "attribution",
        kind,
        start,
        end,
        text[start:end],
        0.8,
        "attribution",
        {"rule": "test rule", "score_is": "precision of the rule", "model": None},
        {
            "source": span_dict(text, s, s + len(source)) | {"type": kind, "resolved": None},
            "cue": span_dict(text, q, q + len(cue)),
            "content": span_dict(text, c, c + len(content)),
            **extra,
        },
    )


def rich_report() -> Report:
    """Attributions asserted, negated, declined, unresolved and reported via another; a claim."""
    ministry = attribution(TEXT, "officials", "the ministry", "quoted", "named_organization")
    said = attribution(TEXT, "the bridge was safe", "Ministers", "said", "vague")
    denied = attribution(
        TEXT,
        "that it had been warned",
        "The agency",
        "denied",
        "named_organization",
        polarity="negated",
        stance="against",
    )
    declined = attribution(
        TEXT,
        "whether repairs had begun",
        "A spokesman",
        "declined to say",
        "anonymous",
        polarity="declined",
    )
    reported = Finding(
        "attribution",
        "unknown",
        TEXT.index("It was"),
        TEXT.index("costs rose") + 10,
        TEXT[TEXT.index("It was") : TEXT.index("costs rose") + 10],
        0.5,
        "attribution",
        {"rule": "passive"},
        {
            "source": None,
            "content": span_dict(TEXT, TEXT.index("costs rose"), TEXT.index("costs rose") + 10),
            "via": ministry.id,
            "polarity": "asserted",
        },
    )
    claim = Finding(
        "claim",
        "check-worthy",
        0,
        35,
        TEXT[:35],
        0.93,
        "claims",
        {"model": "m"},
        {"source_type": "vague", "attribution": ministry.id},
    )
    findings = sorted(
        [said, denied, declined, reported, claim, ministry], key=lambda f: (f.start, -f.end)
    )
    summary = {
        "sourcing": {
            "counts": {"named_person": 0, "named_organization": 2, "anonymous": 1, "vague": 1},
            "named_share": 0.5,
            "left_out": 3,
            "sources": [
                {"text": "Ministers", "resolved": None, "type": "vague", "citations": 1},
                {
                    "text": "the agency",
                    "resolved": None,
                    "type": "named_organization",
                    "citations": 1,
                },
            ],
        },
        "places": [
            {
                "name": "Kyiv",
                "country": "UA",
                "lat": 50.45,
                "lon": 30.52,
                "count": 2,
                "label": "resolved",
            },
            {"name": "Dnipro River", "lat": None, "lon": None, "count": 1, "label": "unresolved"},
            {"name": "Nowhere", "lat": 0.0, "lon": 0.0, "count": 1, "label": "resolved"},
        ],
    }
    return Report(Article(TEXT, title="Bridge"), findings, summary, [], "test")


# --- words -------------------------------------------------------------------------------


def test_details_are_in_words_without_raw_keys_or_nulls() -> None:
    report = rich_report()
    data = page_data(report, finding_rows(report))
    dumped = json.dumps(data)
    assert "null" not in json.dumps([f["details"] + f["evidence"] for f in data["findings"]])
    assert "score_is" not in dumped and "source.type" not in dumped
    said = next(f for f in data["findings"] if f["labelName"] == "vague source")
    names = [name for name, _value, _part in said["details"]]
    assert names[:3] == ["Source", "Source type", "Cue"]
    assert all("." not in name and "_" not in name for name in names)
    assert [e[0] for e in said["evidence"]] == ["Rule", "The score is"]  # model: None left out


def test_negated_declined_unresolved_and_via_are_shown_plainly() -> None:
    report = rich_report()
    out = render(report, "html")
    assert '<span class="pol pol-negated">negated</span>' in out
    assert '<span class="pol pol-declined">declined</span>' in out
    assert "negated: the source denies it" in out
    rows = {r.finding.label: r for r in finding_rows(report)}
    unknown = {d.name: d for d in rows["unknown"].details}
    via = unknown["Reported via"]
    assert via.ref == next(
        r.number
        for r in finding_rows(report)
        if r.finding.label == "named_organization" and "ministry" in r.source
    )
    assert f'<a href="#f{via.ref}" data-finding="{via.ref}">finding {via.ref}</a>' in out
    assert finding_label(rows["unknown"].finding) == "speaker unresolved"
    assert "Polarity" not in unknown  # asserted: the ordinary case needs no row
    (denied,) = [r for r in finding_rows(report) if r.polarity == "negated"]
    assert {d.name: d.value for d in denied.details}["Stance"] == "against"


def test_a_speaker_newsift_could_not_resolve_says_so() -> None:
    text = "Someone said it rained."
    f = attribution(text, "it rained", "Someone", "said", "unknown")
    rows = [(d.name, d.value) for d in field_rows(f)]
    assert ("Source type", "speaker unresolved") in rows
    abstained = dataclasses.replace(f, fields={**f.fields, "source": None})
    # no source at all: said, not left out
    assert (field_rows(abstained)[0].name, field_rows(abstained)[0].value) == (
        "Source",
        "speaker unresolved",
    )


def test_values_in_words() -> None:
    assert value_text(True) == "yes" and value_text(0.30812) == "0.308"
    assert value_text([{"label": "Loaded_Language", "score": 0.162}]) == "Loaded Language 0.162"
    assert value_text({"name": "Kyiv", "country": "UA", "lat": 1}) == "Kyiv (UA)"
    assert value_text({"a_b": None, "c": 1}) == "C: 1"


def test_sourcing_left_out_and_sources_point_at_their_statements() -> None:
    report = rich_report()
    assert report_view(report)["sourcing_notes"] == [
        "Left out of the profile: 3 attributed statements"
    ]
    rows = {r.text: r for r in source_rows(report)}
    numbers = {
        f.fields["source"]["text"]: n
        for n, f in enumerate(report.findings, 1)
        if f.kind == "attribution" and f.fields.get("source")
    }
    assert rows["Ministers"].numbers == (numbers["Ministers"],)
    assert rows["the agency"].numbers == (numbers["The agency"],)  # case aside
    out = render(report, "html")
    assert f'data-findings="{numbers["Ministers"]}" aria-pressed="false">Ministers</button>' in out


def test_claims_carry_their_score_for_sorting() -> None:
    (claim,) = claim_rows(rich_report())
    assert claim.score == 0.93 and claim.source_type == "vague source"
    out = render(rich_report(), "html")
    assert '<tr data-score="0.93" data-order="1">' in out and 'aria-sort="none"' in out


@dataclasses.dataclass(frozen=True)
class BylinedArticle(Article):
    """An article as the readers will soon deliver it: with byline and dateline."""

    author: Any = None
    dateline: Any = None


def test_byline_and_dateline_show_in_the_header_when_present() -> None:
    article = BylinedArticle(
        TEXT,
        title="Bridge",
        author=["Jane Roe", "John Doe"],
        dateline={"place": "KYIV", "agency": "Reuters", "start": 0, "end": 4},
    )
    report = Report(article, [], {}, [], "test")
    assert byline_items(report) == [("By", "Jane Roe, John Doe"), ("Dateline", "KYIV · Reuters")]
    out = render(report, "html")
    assert '<span class="bl-name">By</span> <span dir="auto">Jane Roe, John Doe</span>' in out
    assert byline_items(Report(Article(TEXT), [], {}, [], "test")) == []  # today's reports

    @dataclasses.dataclass(frozen=True)
    class Dateline:
        place: str | None
        agency: str | None

    other = BylinedArticle(TEXT, author="Jane Roe", dateline=Dateline("PARIS", None))
    assert byline_items(Report(other, [], {}, [], "test")) == [
        ("By", "Jane Roe"),
        ("Dateline", "PARIS"),
    ]


# --- the page ----------------------------------------------------------------------------


def test_standalone_csp_allows_exactly_the_inline_style_and_script() -> None:
    out = render(rich_report(), "html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', out)
    assert csp is not None
    style = out.split("<style>", 1)[1].split("</style>", 1)[0]
    script = out.split("<script>", 1)[1].split("</script>", 1)[0]

    def sha(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"style-src 'sha256-{sha(style)}'" in csp.group(1)
    assert f"script-src 'sha256-{sha(script)}'" in csp.group(1)
    assert "unsafe" not in csp.group(1) and " style=" not in out  # no inline style attributes
    assert not re.search(r"\son[a-z]+=", out)  # no inline handlers


def test_filters_search_and_live_status_are_labelled_controls() -> None:
    out = render(rich_report(), "html")
    assert '<form class="wrap filters needs-js" id="filters" role="search"' in out
    for control in ('id="f-label"', 'id="f-source"', 'id="f-score"', 'id="f-search"'):
        assert re.search(rf"<label>[^<]+<(select|input)[^>]*{control}", out), control
    assert '<p id="f-status" class="status" role="status" aria-live="polite">' in out
    assert '<option value="anonymous">anonymous source</option>' in out
    assert "@media print" in out


def test_web_and_standalone_share_one_view() -> None:
    from newsift.web.pages import report_context

    report = rich_report()
    standalone = render(report, "html")
    web = report_context(report, "abc")
    assert web["rows"] == report_view(report)["rows"]
    assert web["exports"][0] == ("/reports/abc/export.json", "JSON")
    main_part = standalone.split('<main id="main">')[1].split("</main>")[0]
    from newsift.web.pages import render_page

    page = render_page("report.html.j2", **web)
    assert main_part in page


# --- the map -----------------------------------------------------------------------------


def test_the_map_draws_country_outlines_from_the_shipped_file() -> None:
    assert 150 <= len(outlines()) <= 250
    names = {o.name for o in outlines()}
    assert {"Ukraine", "France", "Brazil"} <= names
    places = places_panel(rich_report().summary)
    view = map_view(places)
    assert view is not None
    shown = {o.name for o in outlines_in(view)}
    assert "Ukraine" in shown and "Brazil" not in shown
    svg = str(map_svg(places))
    assert svg.count("<path d=") == len(shown)
    data = Path(__file__).resolve().parents[1] / "src" / "newsift" / "data" / "world-outlines.json"
    assert data.stat().st_size <= 150_000


def test_places_without_coordinates_get_no_pin_never_one_at_0_0() -> None:
    places = places_panel(
        {
            "places": [
                {"name": "Kyiv", "lat": 50.45, "lon": 30.52, "label": "resolved"},
                {"name": "River", "lat": None, "lon": None, "label": "unresolved"},
                {"name": "Half", "lat": 12.0, "lon": None, "label": "resolved"},
                {"name": "Null Island", "lat": 0, "lon": 0, "label": "resolved"},
                {"name": "Guess", "lat": 5.0, "lon": 5.0, "label": "unresolved"},
            ]
        }
    )
    assert [p.text for p in places if p.lat is not None] == ["Kyiv"]
    svg = str(map_svg(places))
    assert svg.count("<circle") == 1 and "Null Island" not in svg and "River" not in svg


def box(pin: Any, font: float) -> tuple[float, float, float, float]:
    width = len(pin.name) * font * 0.62
    left = pin.label_x - {"start": 0, "end": width, "middle": width / 2}[pin.anchor]
    return (left, pin.label_y - font * 0.8, left + width, pin.label_y + font * 0.25)


coordinates = st.tuples(
    st.floats(min_value=-60, max_value=70), st.floats(min_value=-170, max_value=170)
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(coordinates, min_size=1, max_size=12),
    st.lists(st.text(min_size=1, max_size=18), min_size=12, max_size=12),
)
def test_labels_never_overlap_each_other_or_pins(
    points: list[tuple[float, float]], names: list[str]
) -> None:
    places = [
        Place(
            text=names[i],
            resolved="",
            suggestions="",
            lat=lat,
            lon=lon,
            x=round(lon + 180, 2),
            y=round(90 - lat, 2),
        )
        for i, (lat, lon) in enumerate(points)
    ]
    view = map_view(places)
    assert view is not None
    pins = place_labels(places, view)
    assert len(pins) == len(places)
    labelled = [p for p in pins if p.label_x is not None and p.label_y is not None]
    boxes = [box(p, view.font) for p in labelled]
    r = view.radius
    for i, a in enumerate(boxes):
        assert view.x0 - 1e-6 <= a[0] and a[2] <= view.x0 + view.width + 1e-6
        for b in boxes[i + 1 :]:
            assert not (
                a[0] < b[2] - 1e-6
                and b[0] < a[2] - 1e-6
                and a[1] < b[3] - 1e-6
                and b[1] < a[3] - 1e-6
            )
        for p in places:
            assert not (
                a[0] < p.x + r - 1e-6
                and p.x - r < a[2] - 1e-6
                and a[1] < p.y + r - 1e-6
                and p.y - r < a[3] - 1e-6
            )


def test_a_lone_place_is_labelled() -> None:
    places = places_panel(
        {"places": [{"name": "Kyiv", "lat": 50.45, "lon": 30.52, "label": "resolved"}]}
    )
    view = map_view(places)
    assert view is not None
    (pin,) = place_labels(places, view)
    assert pin.label_x is not None and ">Kyiv</text>" in str(map_svg(places))


# --- the outlines build ------------------------------------------------------------------

TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.1, 0.1], "translate": [-180, -90]},
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "001", "properties": {"name": "Square"}},
                {
                    "type": "MultiPolygon",
                    "arcs": [[[~0]]],
                    "id": "002",
                    "properties": {"name": "Back"},
                },
                {"type": "Point", "coordinates": [0, 0]},
            ],
        }
    },
    # A 10°×10° square at lon 0..10, lat 0..10, delta-encoded in tenths of a degree.
    "arcs": [[[1800, 900], [100, 0], [0, 100], [-100, 0], [0, -100]]],
}


def test_outlines_are_built_from_a_topojson_file(tmp_path: Path) -> None:
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    out = tmp_path / "outlines.json"
    assert main([str(source), str(out)]) == 0
    built = json.loads(out.read_text(encoding="utf-8"))
    square, back = built["countries"]
    assert square["name"] == "Square" and square["bbox"] == [180.0, 80.0, 190.0, 90.0]
    assert square["d"] == "M180 90l10 0 0 -10 -10 0 0 10z"
    assert back["d"].startswith("M180 90l0 -10")  # the arc reversed
    assert build_outlines(read_topology(source)) == built


def test_rings_across_the_antimeridian_are_drawn_on_both_sides() -> None:
    east, west = unwrap([(179.0, 10.0), (-179.0, 10.0), (-179.0, 12.0), (179.0, 12.0)])
    assert [lon for lon, _ in east] == [179.0, 181.0, 181.0, 179.0]
    assert [lon for lon, _ in west] == [-181.0, -179.0, -179.0, -181.0]
    assert ring_path([(0.0, 0.0), (0.01, 0.0), (0.0, 0.01)]) == ""  # too small to draw


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"type": "Topology"}),
        json.dumps([1]),
        json.dumps({"type": "Topology", "objects": {"countries": {}}}),
    ],
)
def test_a_file_that_is_not_a_countries_topology_is_a_coded_error(
    tmp_path: Path, content: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^\[E190\] .*bad\.json: not a TopoJSON file"):
        read_topology(source)
    assert main([str(source), str(tmp_path / "out.json")]) == 2
    with pytest.raises(ConfigError, match="E190"):
        read_topology(tmp_path / "missing.json")


def test_dates_read_in_the_order_of_the_text_with_placeholders_in_words() -> None:
    from newsift.render.reportview import date_rows

    summary = {
        "timeline": [
            {"text": "soon", "value": "FUTURE_REF", "start": 30},
            {"text": "December 11", "value": "XXXX-12-11", "start": 5},
            {"text": "later", "value": None, "start": 40},
            "junk",
        ]
    }
    assert date_rows(summary) == [
        ("December 11", "XXXX-12-11 (year not known)"),
        ("soon", "some time to come"),
        ("later", "not normalised"),
    ]
    assert date_rows({"timeline": 3}) == []
