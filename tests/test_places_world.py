"""The world gazetteer and the article-aware rules of the places analyzer (own fixtures)."""

from __future__ import annotations

import time
from importlib import resources

import pytest
from spacy.language import Language

from newsift.analyzers.places import resolve_names
from newsift.analyzers.places.component import outlet_country, summarize
from newsift.analyzers.places.demonyms import demonym_place
from newsift.analyzers.places.gazetteer import (
    SYNTHETIC_ID_START,
    Gazetteer,
    load_gazetteer,
    read_index,
)
from newsift.analyzers.places.resolve import Hint, candidates_of
from newsift.eval.corpora.places import GoldArticle, GoldMention, GoldPoint
from newsift.eval.metrics import Prf
from newsift.eval.toponyms import distance_km, score_toponyms
from newsift.findings import doc_to_findings
from newsift.model import Finding

BRAZIL, PARIS_TX, PARIS_FR = 3469034, 4717560, 2988507


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _best(gazetteer: Gazetteer, name: str, *context: str) -> tuple[str, str, str]:
    place = resolve_names([name, *context], gazetteer)[name].place
    assert place is not None, name
    return place.name, place.type, place.country


# --- the gazetteer -------------------------------------------------------------------


def test_no_place_sits_at_zero_zero(gazetteer: Gazetteer) -> None:
    at_origin = (gazetteer._lat == 0) & (gazetteer._lon == 0)
    assert not at_origin.any()


@pytest.mark.parametrize("code", ["BR", "CO", "IS", "CR", "RU", "US"])
def test_countries_have_their_own_point(gazetteer: Gazetteer, code: str) -> None:
    country = gazetteer.region(code)
    assert country is not None and country.type == "country"
    assert (country.lat, country.lon) != (0.0, 0.0)


def test_brazil_is_in_south_america(gazetteer: Gazetteer) -> None:
    brazil = gazetteer.place(BRAZIL)
    assert -34 < brazil.lat < 6 and -74 < brazil.lon < -34


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("England", "admin1", "GB"),
        ("Scotland", "admin1", "GB"),
        ("British Columbia", "admin1", "CA"),
        ("Mato Grosso", "admin1", "BR"),
        ("Bavaria", "admin1", "DE"),
        ("Africa", "continent", ""),
        ("Middle East", "region", ""),
        ("Balkans", "region", ""),
        ("Donbas", "region", "UA"),
        ("Caribbean", "region", ""),
    ],
)
def test_areas_come_before_towns_of_the_same_name(
    gazetteer: Gazetteer, name: str, kind: str, country: str
) -> None:
    _, found_kind, found_country = _best(gazetteer, name)
    assert (found_kind, found_country) == (kind, country)


def test_regions_outside_the_us_carry_newsift_ids(gazetteer: Gazetteer) -> None:
    england = next(p for p in gazetteer.lookup("England") if p.type == "admin1")
    assert england.geonameid >= SYNTHETIC_ID_START
    texas = next(p for p in gazetteer.lookup("Texas") if p.type == "admin1")
    assert texas.geonameid < SYNTHETIC_ID_START  # US states keep their GeoNames id


def test_cities_carry_their_region_name(gazetteer: Gazetteer) -> None:
    kramatorsk = next(p for p in gazetteer.lookup("Kramatorsk") if p.country == "UA")
    assert kramatorsk.admin1 == "Donetsk"
    assert gazetteer.place(PARIS_FR).admin1 == "Ile-de-France"  # ASCII, as GeoNames gives it


def test_shipped_index_is_small_and_loads_fast() -> None:
    resource = resources.files("newsift") / "data" / "gazetteer.npz"
    assert len(resource.read_bytes()) < 40_000_000
    started = time.perf_counter()
    with resource.open("rb") as stream:
        index = read_index(stream)
    assert time.perf_counter() - started < 3.0  # 1 s budget; slack for a loaded test machine
    assert len(index) > 240_000


# --- resolution with the article -----------------------------------------------------


def test_demonyms_read_as_their_country(gazetteer: Gazetteer) -> None:
    assert demonym_place("Ukrainians") == "UA"
    ukrainian = candidates_of("Ukrainian", gazetteer)
    assert [(p.type, p.country) for p in ukrainian] == [("country", "UA")]
    gazan = candidates_of("Gazan", gazetteer)
    assert gazan and gazan[0].country == "PS" and gazan[0].type != "city"


def test_a_container_after_a_comma_picks_the_reading_inside(gazetteer: Gazetteer) -> None:
    hint = Hint(container="Texas")
    found = resolve_names(["Paris", "Texas"], gazetteer, {"Paris": hint})["Paris"].place
    assert found is not None and found.geonameid == PARIS_TX


def test_a_container_word_makes_the_name_an_area(gazetteer: Gazetteer) -> None:
    donetsk = resolve_names(["Donetsk"], gazetteer, {"Donetsk": Hint(area=True)})["Donetsk"]
    assert donetsk.place is not None and donetsk.place.type == "admin1"
    oblast = resolve_names(["Donetsk Oblast"], gazetteer)["Donetsk Oblast"].place
    assert oblast is not None and (oblast.type, oblast.country) == ("admin1", "UA")


def test_the_outlet_country_breaks_a_tie(gazetteer: Gazetteer) -> None:
    assert outlet_country("https://www.bbc.co.uk/news/x") == "GB"
    assert outlet_country("https://example.com/") is None
    assert outlet_country("https://x.tv/") is None
    plain = resolve_names(["Cambridge"], gazetteer)["Cambridge"].place
    american = resolve_names(["Cambridge"], gazetteer, outlet_country="US")["Cambridge"].place
    assert plain is not None and american is not None
    assert (plain.country, american.country) == ("GB", "US")


def test_suggestions_rank_the_region_the_article_names_first(gazetteer: Gazetteer) -> None:
    resolution = resolve_names(["Kramatorks", "Donetsk", "Ukraine"], gazetteer)["Kramatorks"]
    assert resolution.label == "unresolved"
    first = resolution.suggestions[0].place
    assert (first.name, first.country, first.admin1) == ("Kramatorsk", "UA", "Donetsk")


def test_a_missing_real_place_is_unresolved_not_unknown(gazetteer: Gazetteer) -> None:
    hint = {"Zzyzxville": Hint(locative=True)}
    resolution = resolve_names(["Zzyzxville", "Texas"], gazetteer, hint)["Zzyzxville"]
    assert resolution.label == "unresolved"
    assert resolution.unknown_place is None


def test_unknown_place_needs_a_locative_use(gazetteer: Gazetteer) -> None:
    names = ["Kramatorks", "Donetsk", "Ukraine"]
    plain = resolve_names(names, gazetteer)["Kramatorks"]
    assert plain.unknown_place is None
    locative = resolve_names(names, gazetteer, {"Kramatorks": Hint(locative=True)})
    unknown = locative["Kramatorks"].unknown_place
    assert unknown is not None and unknown.place.name == "Kramatorsk"


# --- the standard measures -----------------------------------------------------------


def test_distance_km_is_a_great_circle() -> None:
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert distance_km(50.45, 30.52, 50.45, 30.52) == 0


def test_score_toponyms_counts_recognition_distance_and_flags(gazetteer: Gazetteer) -> None:
    text = "Rain in Kyiv and Lviv."
    article = GoldArticle(
        "a",
        None,
        text,
        (
            GoldMention(8, 12, "Kyiv", "place", 703448),
            GoldMention(17, 21, "Lviv", "place", 702550),
        ),
    )
    kyiv = {"lat": 50.45, "lon": 30.52, "geonameid": 703448}
    predictions = [
        [
            {"kind": "place", "start": 8, "end": 12, "resolution": kyiv, "label": "resolved"},
            {"kind": "place", "start": 0, "end": 4, "resolution": kyiv, "label": "resolved"},
            {"kind": "flag", "start": 17, "end": 21, "label": "unknown_place"},
        ]
    ]
    points = {"a": {(8, 12): GoldPoint(50.4, 30.5, "PPLC"), (17, 21): GoldPoint(49.8, 24.0, "")}}
    scores = score_toponyms([article], predictions, gazetteer, points)
    assert scores.recognition == Prf.from_counts(1, 2, 2)
    assert scores.recognition.f1 == 0.5
    assert scores.acc161 == 0.5 and scores.acc161_found == 1.0
    assert scores.exact_id == 0.5
    assert scores.unknown_place_rate == 0.5
    assert scores.to_dict()["recognition"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "predicted": 2,
        "gold": 2,
    }


# --- end to end (spaCy) --------------------------------------------------------------


@pytest.fixture(scope="module")
def places_nlp() -> Language:
    import newsift.analyzers.places  # noqa: F401
    from newsift.pipeline import load_spacy

    nlp = load_spacy()
    nlp.add_pipe("newsift_places")
    return nlp


def _places(nlp: Language, text: str) -> list[Finding]:
    return [f for f in doc_to_findings(nlp(text)) if f.analyzer == "places"]


@pytest.mark.model
def test_all_caps_datelines_are_places(places_nlp: Language) -> None:
    findings = _places(places_nlp, "KYIV — Air defences were active overnight, officials said.")
    kyiv = next(f for f in findings if f.text == "KYIV")
    assert kyiv.evidence["found_by"] == "dateline"
    assert kyiv.fields["resolution"]["country"] == "UA"
    findings = _places(places_nlp, "LOS ANGELES (Reuters) - The fires spread on Tuesday.")
    la = next(f for f in findings if f.text == "LOS ANGELES")
    assert la.fields["resolution"]["admin1"] == "California"


@pytest.mark.model
def test_a_person_s_surname_is_not_a_place(places_nlp: Language) -> None:
    text = "Joaquin Phoenix starred in the film. Phoenix said the role was hard."
    assert not any(f.kind == "place" and f.text == "Phoenix" for f in _places(places_nlp, text))


@pytest.mark.model
def test_demonym_adjectives_place_the_story_in_their_country(places_nlp: Language) -> None:
    findings = _places(places_nlp, "Ukrainian officials said Russian drones hit the port.")
    by_text = {f.text: f for f in findings if f.kind == "place"}
    for text, country in (("Ukrainian", "UA"), ("Russian", "RU")):
        if text in by_text:  # found only where spaCy tags the adjective NORP
            assert by_text[text].fields["resolution"]["country"] == country


@pytest.mark.model
def test_the_map_never_gets_a_point_at_zero_zero(places_nlp: Language) -> None:
    text = (
        "Delegates from Brazil, Colombia, Iceland and Costa Rica met in England. "
        "Observers from Scotland, Africa and the Middle East joined them."
    )
    summary = summarize(_places(places_nlp, text))["places"]
    assert summary
    for place in summary:
        if place["lat"] is not None:
            assert (place["lat"], place["lon"]) != (0, 0), place
    names = {p["name"]: p for p in summary}
    assert names["England"]["country"] == "GB"
    assert names["Scotland"]["country"] == "GB"


@pytest.mark.model
def test_a_place_named_at_the_start_of_an_organisation_is_found(places_nlp: Language) -> None:
    text = "Crews from the Texas Forest Service worked through the night near the lake."
    texas = [f for f in _places(places_nlp, text) if f.kind == "place" and f.text == "Texas"]
    assert texas and texas[0].evidence["found_by"] in ("embedded:ORG", "ner:GPE")
    assert texas[0].fields["resolution"]["admin1"] == "Texas"


@pytest.mark.model
def test_a_misspelt_village_in_a_list_after_a_locative_is_flagged(places_nlp: Language) -> None:
    text = (
        "Volunteers in the Donetsk region evacuated families from Kramatorsk "
        "and Druzhkivca on Monday, officials said."
    )
    flags = [f for f in _places(places_nlp, text) if f.kind == "flag"]
    flag = next(f for f in flags if f.text == "Druzhkivca")
    assert flag.label == "unknown_place"
    assert flag.fields["suggestion"]["name"] == "Druzhkivka"
    assert flag.fields["suggestion"]["admin1"] == "Donetsk"


@pytest.mark.model
def test_a_name_after_a_title_is_a_person(places_nlp: Language) -> None:
    findings = _places(places_nlp, "President Tinubu met President Buhari in Abuja on Monday.")
    texts = {f.text for f in findings if f.kind == "place"}
    assert "Buhari" not in texts and "Tinubu" not in texts


@pytest.mark.model
def test_the_outlet_address_reaches_the_analyzer(places_nlp: Language) -> None:
    from newsift.analyzers.places.component import URL_KEY
    from newsift.pipeline import URL_KEY as PIPELINE_URL_KEY

    assert URL_KEY == PIPELINE_URL_KEY
    countries = []
    for url in (None, "https://www.example.com/news/1", "https://news.example.us/1"):
        doc = places_nlp.make_doc("Crowds gathered in Cambridge on Saturday.")
        doc.user_data[URL_KEY] = url
        for _, component in places_nlp.pipeline:
            doc = component(doc)
        found = [f for f in doc_to_findings(doc) if f.analyzer == "places" and f.kind == "place"]
        countries.append(found[0].fields["resolution"]["country"])
    assert countries == ["GB", "GB", "US"]


@pytest.mark.model
def test_a_demonym_inside_an_organisation_name_is_its_country(places_nlp: Language) -> None:
    text = "The Russian Ministry of Defence said the anti-Ukrainian campaign would go on."
    by_text = {f.text: f for f in _places(places_nlp, text) if f.kind == "place"}
    assert by_text["Russian"].fields["resolution"]["country"] == "RU"
    assert by_text["Ukrainian"].fields["resolution"]["country"] == "UA"


def test_a_town_once_named_like_the_capital_does_not_take_its_name(
    gazetteer: Gazetteer,
) -> None:
    # Watervliet, New York, lists "Washington" among its alternate names.
    name, _kind, country = _best(gazetteer, "Washington", "Albany", "Buffalo", "Syracuse")
    assert (name, country) == ("Washington", "US")


@pytest.mark.model
def test_the_country_an_organisation_is_named_after_is_a_place(places_nlp: Language) -> None:
    text = "Tim Strauss, vice president of Air Canada Cargo, said the flights would resume."
    by_text = {f.text: f for f in _places(places_nlp, text) if f.kind == "place"}
    assert by_text["Canada"].fields["resolution"]["country"] == "CA"
    assert "Air Canada Cargo" not in by_text


@pytest.mark.model
def test_a_region_taken_for_a_person_is_still_a_place(places_nlp: Language) -> None:
    text = "Tamil Nadu said it had written to the Centre about the river water."
    by_text = {f.text: f for f in _places(places_nlp, text) if f.kind == "place"}
    assert by_text["Tamil Nadu"].fields["resolution"]["country"] == "IN"
