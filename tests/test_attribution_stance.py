"""Attribution a fact-checker can trust: polarity, stance, hearsay chains, the speaker model,
non-speech predicates, titles of works, source categories and the sourcing profile.

Every sentence here is made up for the test.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsift.analyzers.attribution import extract_attributions, summarize
from newsift.analyzers.attribution.agreement import (
    agrees,
    name_gender,
    signer,
)
from newsift.analyzers.attribution.filter import CueFilter, load_filter
from newsift.analyzers.attribution.sources.categories import source_category
from newsift.errors import ConfigError
from newsift.findings import doc_to_findings
from tests.attribution_support import by_content, findings, findings_with


@pytest.fixture(scope="module")
def paragraphs_nlp() -> Language:
    """The pipeline ``newsift analyze --only attribution`` runs: paragraph breaks end
    sentences (letters and statements are laid out in paragraphs)."""
    from newsift.pipeline import Pipeline

    return Pipeline.create(only=["attribution"]).nlp


def _source(finding: dict[str, Any]) -> dict[str, Any]:
    source: dict[str, Any] = finding["source"]
    return source


# --- speaker model --------------------------------------------------------------------------


def test_first_names_and_titles_give_gender() -> None:
    assert name_gender("Hillary Clinton") == "f"
    assert name_gender("Donald Trump") == "m"
    assert name_gender("Mrs Reed") == "f"
    assert name_gender("Sir Reed") == "m"
    assert name_gender("Taylor Reed") is None  # a name of mixed use says nothing


def test_pronoun_agreement() -> None:
    assert agrees("she", "f") and agrees("he", "m") and agrees("she", None)
    assert not agrees("she", "m") and not agrees("he", "f")


def test_signers_of_letters_and_statements() -> None:
    letters = (
        "Dear Editor,\n\nI was shocked.\n\nYours faithfully,\nPeter Lamb\n\n"
        "Dear Editor,\n\nNobody asked me.\n\nYours faithfully,\nAlice Wren\n"
    )
    assert signer(letters, letters.index("I was"))[1] == "Peter Lamb"  # type: ignore[index]
    assert signer(letters, letters.index("me."))[1] == "Alice Wren"  # type: ignore[index]
    statement = "Statement by Governor Ellen Marsh:\n\nI intend to go ahead."
    assert signer(statement, statement.index("I intend"))[1].endswith("Ellen Marsh")  # type: ignore[index]
    assert signer("I think so.", 0) is None


@pytest.mark.model
def test_she_is_not_the_man_named_before(nlp: Language) -> None:
    text = (
        "Dr. Samir Haddad treated patients all night. A pregnant woman waited outside the "
        'ward. "I am from Gaza City and I walked here," she said.'
    )
    found = by_content(nlp, text, "Gaza City")
    assert _source(found)["resolved"] != "Samir Haddad"
    assert "Haddad" not in str(found["evidence"].get("source_refers_to"))


@pytest.mark.model
def test_wrong_gender_speaker_abstains(nlp: Language) -> None:
    text = (
        "Paul Hendricks, the club's owner, said the stadium would be rebuilt. "
        '"We lost everything in the fire," she said.'
    )
    found = by_content(nlp, text, "lost everything")
    assert found["label"] == "unknown"
    assert _source(found)["resolved"] is None
    assert "gender" in found["evidence"]["source_rule"]


@pytest.mark.model
def test_signed_statement_first_person_is_the_signer(paragraphs_nlp: Language) -> None:
    text = (
        "Statement by Governor Ellen Marsh:\n\n"
        "I intend to move ahead with the election as planned, and I believe the courts "
        "will agree."
    )
    found = by_content(paragraphs_nlp, text, "move ahead")
    assert "Ellen Marsh" in str(_source(found)["resolved"])
    assert found["stance"] == "intention"


@pytest.mark.model
def test_letter_writer_is_not_the_previous_signer(paragraphs_nlp: Language) -> None:
    text = (
        "Dear Editor,\n\nThe library must stay open.\n\nYours faithfully,\nPeter Lamb\n\n"
        "Dear Editor,\n\nI think the mayor has forgotten us.\n\nYours faithfully,\nAlice Wren\n"
    )
    found = by_content(paragraphs_nlp, text, "forgotten us")
    assert _source(found)["resolved"] == "Alice Wren"


@pytest.mark.model
def test_first_person_without_signer_abstains(nlp: Language) -> None:
    text = "Harold Voss runs the bakery. I think the new road will ruin the street."
    found = findings_with(nlp, text, "ruin the street")
    assert all(f["label"] == "unknown" for f in found)  # never Harold Voss's words


@pytest.mark.model
def test_continued_quote_keeps_its_speaker(nlp: Language) -> None:
    text = (
        '"We will not give up," said Amina Yusuf, a resident of the village. "The water is '
        'still rising.\n\n"Nobody from the government has come to help us," she said.'
    )
    found = by_content(nlp, text, "Nobody from the government")
    assert _source(found)["resolved"] == "Amina Yusuf"
    assert _source(found)["category"] == "witness"


@pytest.mark.model
def test_they_is_never_one_person(nlp: Language) -> None:
    text = (
        "The loggers claimed the land was theirs. Maria Santos, whose farm was burned, said "
        "she would rebuild. They said the police had done nothing."
    )
    found = by_content(nlp, text, "police had done nothing")
    assert _source(found)["resolved"] != "Maria Santos"
    assert found["label"] != "named_person"


@pytest.mark.model
def test_people_who_share_a_surname_stay_apart(nlp: Language) -> None:
    text = (
        "Rep. Tom Reed said the bill was unfair. His wife, Jean Reed, said the family would "
        "stay. His brother, Mark Reed, said he disagreed. Reed said the vote would come on "
        "Friday."
    )
    assert _source(by_content(nlp, text, "bill was unfair"))["resolved"] in (None, "Tom Reed")
    assert _source(by_content(nlp, text, "vote would come"))["resolved"] is None
    sources = summarize([f for f in doc_to_findings(nlp(text)) if f.kind == "attribution"])[
        "sourcing"
    ]["sources"]
    assert max(s["citations"] for s in sources) == 1


@pytest.mark.model
def test_outlet_voice(nlp: Language) -> None:
    text = "Kaieteur News understands that the contract was signed in March."
    assert _source(by_content(nlp, text, "contract was signed"))["category"] == "outlet"
    release = "We believe the merger will create hundreds of jobs across the region."
    found = by_content(nlp, release, "merger will create")
    assert _source(found)["category"] == "outlet"


# --- cue model -----------------------------------------------------------------------------


@pytest.mark.model
def test_non_speech_predicates_are_not_attributions(nlp: Language) -> None:
    text = (
        "Brad Pitt picked up another trophy on Sunday. Bennett posted photos of the "
        "ceremony. The House voted 230 to 190 on the measure. The awards focus on film. "
        'A further 69,000 staff were on "atypical contracts".'
    )
    assert findings(nlp, text) == []


@pytest.mark.model
def test_titles_of_works_are_not_quotes(nlp: Language) -> None:
    text = 'The film "Parasite" won the top prize, and "The Marvelous Mrs Maisel" took three.'
    assert findings(nlp, text) == []


@pytest.mark.model
def test_score_is_the_filter_probability(paragraphs_nlp: Language) -> None:
    text = "The minister said the talks had failed."
    found = by_content(paragraphs_nlp, text, "talks had failed")
    assert 0.0 < found["score"] < 1.0
    assert "probability" in found["evidence"]["score_is"]


def test_filter_loads_and_refuses_a_broken_file() -> None:
    model = load_filter()
    assert 0.0 <= model.threshold <= 1.0
    assert model.card["seed"] == 0
    with pytest.raises(ConfigError, match="E200"):
        CueFilter.from_dict({"weights": {}})


# --- polarity and stance -------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "polarity"),
    [
        ("She did not respond to the email.", "the email", "declined"),
        ("The ministry declined to comment on the report.", "to comment", "declined"),
        ("He said he could not comment further.", "could not comment", "declined"),
        ("The mayor did not say that the budget would be cut.", "budget would be cut", "negated"),
        ("The mayor said that the budget would be cut.", "budget would be cut", "asserted"),
    ],
)
def test_polarity(nlp: Language, text: str, words: str, polarity: str) -> None:
    assert by_content(nlp, text, words)["polarity"] == polarity


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The company denied that it had ignored safety warnings.", "ignored safety warnings"),
        ("The mayor denies the allegations.", "the allegations"),
        ("The ministry rejected the claim that it had hidden the data.", "hidden the data"),
        ("Officials dismissed the report as propaganda.", "the report as propaganda"),
    ],
)
def test_a_denial_is_negated_and_left_out_of_the_profile(
    nlp: Language, text: str, words: str
) -> None:
    finding = by_content(nlp, text, words)
    assert finding["polarity"] == "negated"
    found = [f for f in doc_to_findings(nlp(text)) if f.kind == "attribution"]
    sourcing = summarize(found)["sourcing"]
    assert sourcing["left_out"] == {"negated": 1}
    assert sum(sourcing["counts"].values()) == 0


@pytest.mark.model
def test_rejecting_a_plan_is_not_a_denial(nlp: Language) -> None:
    text = "The council rejected the plan to close the library."
    assert all(f["polarity"] != "negated" for f in findings(nlp, text))


@pytest.mark.model
def test_a_refusal_to_act_is_no_attribution(nlp: Language) -> None:
    text = (
        "Maria Kovac, a schoolteacher who has refused to leave the city, said the shelling "
        "had not stopped. The mayor declined to move the market."
    )
    found = findings(nlp, text)
    assert not [f for f in found if f["cue"]["text"] in ("refused", "declined")]
    assert [f["content"]["text"] for f in found] == ["the shelling had not stopped"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The spokesman refused to comment.", "to comment"),
        ("The firm declined to give details.", "to give details"),
        ("The coach declined to be interviewed.", "to be interviewed"),
        ("The minister declined to discuss the case.", "discuss the case"),
        ("The White House declined to weigh in on the ruling.", "to weigh in"),
    ],
)
def test_a_refusal_to_speak_is_a_declined_statement(nlp: Language, text: str, words: str) -> None:
    assert by_content(nlp, text, words)["polarity"] == "declined"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "stance"),
    [
        ("Prosecutors alleged that the firm hid its losses.", "hid its losses", "allegation"),
        ("She accused the mayor of lying to voters.", "lying", "allegation"),
        ("Senator Ruth Kane believes the deal will fail.", "deal will fail", "belief"),
        ("The company plans to open two new plants next year.", "open two", "intention"),
        ("The company said it would open two new plants.", "open two", "statement"),
    ],
)
def test_stance(nlp: Language, text: str, words: str, stance: str) -> None:
    # the rules' stance, before the learned filter keeps or drops the finding
    found = [
        a
        for a in extract_attributions(nlp(text), cue_filter=None)
        if words in text[a.content[0] : a.content[1]]
    ]
    assert found and found[0].stance == stance


@pytest.mark.model
def test_hearsay_chain(nlp: Language) -> None:
    text = (
        "Reuters reported that a DEA complaint said Fahie had agreed to allow an informant "
        "to ship cocaine through the islands."
    )
    found = findings(nlp, text)
    outer = next(f for f in found if _source(f)["text"] == "Reuters")
    inner = next(f for f in found if "complaint" in str(_source(f)["text"]))
    assert inner["via"] == outer["id"]
    assert inner["stance"] == "allegation"
    assert outer["via"] is None
    assert not any(_source(f)["text"] == "Fahie" for f in found)  # Fahie is not a speaker
    assert not findings_with(nlp, text, "to allow an informant") or all(
        f["cue"]["text"] != "agreed" for f in findings_with(nlp, text, "to allow an informant")
    )


# --- sourcing profile and categories ---------------------------------------------------------


@pytest.mark.model
def test_sourcing_counts_only_asserted_statements(nlp: Language) -> None:
    text = (
        "The ministry declined to comment. The mayor did not say that the budget would be "
        "cut. Prosecutors alleged that the firm hid its losses. Anna Berg, the finance "
        "minister, said the budget was balanced."
    )
    found = [f for f in doc_to_findings(nlp(text)) if f.kind == "attribution"]
    sourcing = summarize(found)["sourcing"]
    assert sourcing["left_out"] == {"allegation": 1, "declined": 1, "negated": 1}
    assert [s["text"] for s in sourcing["sources"]] == ["Anna Berg"]
    assert sourcing["categories"]["government"] == 1


@pytest.mark.parametrize(
    ("source", "role", "category"),
    [
        ("state television", None, "state_media"),
        ("KCNA", None, "state_media"),
        ("Reuters", None, "media"),
        ("a local newspaper", None, "media"),
        ("a study", None, "document"),
        ("the indictment", None, "document"),
        ("a colonel", None, "military"),
        ("the defence minister", None, "military"),
        ("Anna Berg", "the finance minister", "government"),
        ("an analyst", None, "expert"),
        ("a resident of Kherson", None, "witness"),
        ("Acme Corp", None, "other"),
    ],
)
def test_source_category(source: str, role: str | None, category: str) -> None:
    assert source_category(source, role, None, None)[0] == category
