"""The attribution analyzer: quote scanning, reported speech, source types, offsets, summary.

Every sentence here is made up for the test.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers import attribution
from newsift.analyzers.attribution import (
    SOURCE_TYPES,
    Quote,
    extract_attributions,
    find_quotes,
    summarize,
)
from newsift.errors import ConfigError
from newsift.findings import doc_to_findings
from newsift.model import Finding, iter_subspans
from tests.attribution_support import findings

# --------------------------------------------------------------------------- quote scanner


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_double_quotes_pair() -> None:
    assert quoted("“We will win,” she said.") == ["“We will win,”"]


def test_straight_double_quotes_pair() -> None:
    text = '"We will win," she said, "and soon."'
    assert quoted(text) == ['"We will win,"', '"and soon."']


def test_single_quotes_pair_but_apostrophes_do_not() -> None:
    text = "It’s the voters’ choice, ‘a fair one’, and 'don't worry' isn't a plan."
    assert quoted(text) == ["‘a fair one’", "'don't worry'"]


def test_single_quotes_inside_double_belong_to_the_outer_quote() -> None:
    text = "“He told me ‘never again’ and left,” she said."
    assert quoted(text) == ["“He told me ‘never again’ and left,”"]


def test_quote_over_several_sentences() -> None:
    text = "“The water is dirty. The air is worse. Nobody listens,” the farmer said."
    assert quoted(text) == ["“The water is dirty. The air is worse. Nobody listens,”"]


def test_multi_paragraph_quote_continues_when_the_next_paragraph_reopens() -> None:
    text = "“The first thing is the water.\n\n“The second thing is the air,” he said.\n\nEnd."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].paired
    assert text[quotes[0].start : quotes[0].end].endswith("the air,”")


def test_unpaired_quote_mark_ends_at_its_sentence() -> None:
    text = "The mayor said “we will win. Then the report goes on.\n\nA long second paragraph."
    assert find_quotes(text) == [Quote(15, 28, paired=False)]


def test_two_straight_single_marks_quote_like_a_double_one() -> None:
    text = "''We will win,'' she said, and ''it's done.''"
    assert quoted(text) == ["''We will win,''", "''it's done.''"]


def test_mistyped_closing_mark_closes_the_quote() -> None:
    text = "“The bridge will hold for years,“ the engineer said. Later that day it rained."
    assert quoted(text) == ["“The bridge will hold for years,“"]


def test_stray_closing_mark_makes_no_quote() -> None:
    assert find_quotes("Nothing was quoted” here, and nothing ’ there.") == []


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”‘’'")), max_size=80))
def test_quotes_lie_in_the_text_in_order_without_overlap(text: str) -> None:
    end = 0
    for q in find_quotes(text):
        assert end <= q.start < q.end <= len(text)
        assert text[q.start] in attribution.QUOTE_CHARS
        # A quote runs past a paragraph break only when the next paragraph reopens it.
        for i, ch in enumerate(text[q.start : q.end], start=q.start):
            if ch == "\n":
                rest = text[i : q.end].lstrip()
                assert rest[:1] in attribution.QUOTE_CHARS
        end = q.end


# --------------------------------------------------------------------------- summary


def _finding(
    label: str, text: str, resolved: str | None = None, refers_to: str | None = None
) -> Finding:
    source = {"start": 0, "end": len(text), "text": text, "type": label}
    source.update({"resolved": resolved, "role": None})
    evidence = {"rule": "test"} | ({"source_refers_to": refers_to} if refers_to else {})
    return Finding(
        kind="attribution",
        label=label,
        start=0,
        end=len(text),
        text=text,
        score=0.5,
        analyzer="attribution",
        evidence=evidence,
        fields={"source": source},
    )


def test_summary_counts_types_share_and_groups_sources() -> None:
    findings = [
        _finding("named_person", "Putin"),
        _finding("named_person", "he", resolved="Vladimir Putin"),
        _finding("named_person", "Vladimir Putin", resolved="Vladimir Putin"),
        _finding("vague", "Analysts"),
        _finding("vague", "analysts"),
    ]
    sourcing = summarize(findings)["sourcing"]
    assert sourcing["counts"] == {
        "named_person": 3,
        "named_organization": 0,
        "anonymous": 0,
        "vague": 2,
        "unknown": 0,
    }
    assert sourcing["named_share"] == 0.6
    groups = {(s["resolved"] or s["text"].lower()): s["citations"] for s in sourcing["sources"]}
    assert groups == {"Vladimir Putin": 2, "analysts": 2, "putin": 1}


def test_summary_counts_a_pronoun_with_the_source_it_refers_to() -> None:
    """ "A frontline serviceman said … According to him, …" is one source cited twice; so is
    "the Defence Ministry said … what it called …"."""
    findings = [
        _finding("anonymous", "A frontline serviceman"),
        _finding("anonymous", "him", refers_to="A frontline serviceman"),
        _finding("named_organization", "the Defence Ministry"),
        _finding("named_organization", "it", refers_to="the Defence Ministry"),
        _finding("named_person", "Olena Petrenko"),
        _finding("named_person", "she", resolved="Olena Petrenko", refers_to="Olena Petrenko"),
    ]
    sources = summarize(findings)["sourcing"]["sources"]
    assert [(s["text"], s["citations"]) for s in sources] == [
        ("A frontline serviceman", 2),
        ("Olena Petrenko", 2),
        ("the Defence Ministry", 2),
    ]


def test_pronoun_findings_say_what_they_refer_to(nlp: Language) -> None:
    text = (
        "A frontline serviceman, speaking on condition of anonymity because he was not "
        "authorised to talk to the press, said his unit had been rotated out only once in 40 "
        "days. According to him, supplies of artillery shells had fallen sharply since October."
    )
    pronoun = [f for f in findings(nlp, text) if (f["source"] or {}).get("text") == "him"]
    assert len(pronoun) == 1
    assert pronoun[0]["label"] == "anonymous"
    assert pronoun[0]["evidence"]["source_refers_to"] == "A frontline serviceman"


def test_summary_of_no_findings() -> None:
    sourcing = summarize([])["sourcing"]
    assert sourcing["counts"] == dict.fromkeys(SOURCE_TYPES, 0)
    assert sourcing["named_share"] == 0.0 and sourcing["sources"] == []


# --------------------------------------------------------------------------- with the model


def attributions(nlp: Language, text: str) -> list[dict[str, Any]]:
    """The attribution findings for ``text`` as report dicts, offsets checked."""
    doc = nlp(text)
    found = [f.to_dict() for f in doc_to_findings(doc) if f.kind == "attribution"]
    for finding in found:
        check_offsets(text, finding)
    return found


def check_offsets(text: str, finding: dict[str, Any]) -> None:
    assert text[finding["start"] : finding["end"]] == finding["text"]
    for sub in iter_subspans(finding):
        assert 0 <= sub["start"] <= sub["end"] <= len(text)
        assert text[sub["start"] : sub["end"]] == sub["text"]
    evidence = finding["evidence"]
    assert evidence["rule"] and evidence["source_rule"] and evidence["cue"] and evidence["content"]
    assert finding["label"] == finding["source"]["type"] and finding["label"] in SOURCE_TYPES
    assert 0 < finding["score"] <= 1


def only(nlp: Language, text: str) -> dict[str, Any]:
    found = attributions(nlp, text)
    assert len(found) == 1, found
    return found[0]


def parts(finding: dict[str, Any]) -> tuple[str | None, str | None, str]:
    cue = finding["cue"]["text"] if finding["cue"] else None
    return finding["source"]["text"], cue, finding["content"]["text"]


PATTERNS = [
    # (text, source, cue, content)
    (
        "“We will open the bridge in May,” Maria Lopez said on Tuesday.",
        "Maria Lopez",
        "said",
        "“We will open the bridge in May,”",
    ),
    (
        "'We will open the bridge in May,' Maria Lopez said.",
        "Maria Lopez",
        "said",
        "'We will open the bridge in May,'",
    ),
    (
        '"We will open the bridge in May," Maria Lopez said.',
        "Maria Lopez",
        "said",
        '"We will open the bridge in May,"',
    ),
    (
        "Maria Lopez said that the bridge would open in May.",
        "Maria Lopez",
        "said",
        "that the bridge would open in May",
    ),
    (
        "Maria Lopez told reporters the bridge would open in May.",
        "Maria Lopez",
        "told",
        "the bridge would open in May",
    ),
    (
        "According to Reuters, the bridge will open in May.",
        "Reuters",
        "According to",
        "the bridge will open in May",
    ),
    (
        "The closure has been confirmed by the Transport Ministry.",
        "the Transport Ministry",
        "confirmed",
        "The closure",
    ),
    (
        "It was reported by Reuters that the bridge had collapsed.",
        "Reuters",
        "reported",
        "that the bridge had collapsed",
    ),
    (
        "The Kremlin claims the bridge was never damaged.",
        "The Kremlin",
        "claims",
        "the bridge was never damaged",
    ),
    (
        "Russian state media reported that the bridge had collapsed.",
        "Russian state media",
        "reported",
        "that the bridge had collapsed",
    ),
    (
        "As Maria Lopez put it, the bridge is a disgrace.",
        "Maria Lopez",
        "put",
        "the bridge is a disgrace",
    ),
    (
        'Maria Lopez said the plan was "a disaster for the town" and should be dropped.',
        "Maria Lopez",
        "said",
        'the plan was "a disaster for the town" and should be dropped',
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "cue", "content"), PATTERNS)
def test_attribution_patterns(
    nlp: Language, text: str, source: str, cue: str, content: str
) -> None:
    assert parts(only(nlp, text)) == (source, cue, content)


MORE_PATTERNS = [
    # (text, rule, source, cue, content)
    (
        "Maria Lopez called the new bridge “a triumph of engineering.”",
        "object",
        "Maria Lopez",
        "called",
        "the new bridge “a triumph of engineering.”",
    ),
    (
        "Maria Lopez talked about the new bridge for an hour.",
        "prep-object",
        "Maria Lopez",
        "talked",
        "the new bridge",
    ),
    (
        "Nobody believed Lopez's claim that the bridge was safe.",
        "noun-cue",
        "Lopez",
        "claim",
        "that the bridge was safe",
    ),
    (
        "The mayor promised to reopen the bridge by May.",
        "xcomp",
        "The mayor",
        "promised",
        "to reopen the bridge by May",
    ),
    (
        "Maria Lopez made clear that the bridge would reopen.",
        "ccomp",
        "Maria Lopez",
        "made clear",
        "that the bridge would reopen",
    ),
    (
        "The bridge, analysts suggest, will never reopen.",
        "parenthetical",
        "analysts",
        "suggest",
        "The bridge, analysts suggest, will never reopen",
    ),
    # A that-clause the parser hangs on the noun of the verb's prepositional phrase.
    (
        "Maria Lopez said in a statement that the bridge would reopen in May.",
        "ccomp",
        "Maria Lopez",
        "said",
        "that the bridge would reopen in May",
    ),
    # "expect" and "dispute" report their object.
    (
        "Fishermen dispute the ministry's figures.",
        "object",
        "Fishermen",
        "dispute",
        "the ministry's figures",
    ),
    (
        "Economists expect a poor harvest.",
        "object",
        "Economists",
        "expect",
        "a poor harvest",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "rule", "source", "cue", "content"), MORE_PATTERNS)
def test_more_patterns(
    nlp: Language, text: str, rule: str, source: str, cue: str, content: str
) -> None:
    finding = only(nlp, text)
    assert finding["evidence"]["rule"] == rule
    assert parts(finding) == (source, cue, content)


@pytest.mark.model
def test_quote_continued_after_its_cue_is_one_attribution(nlp: Language) -> None:
    text = "“The bridge is safe,” Maria Lopez said. “We checked every bolt twice.”"
    source, cue, content = parts(only(nlp, text))
    assert (source, cue) == ("Maria Lopez", "said")
    assert content.startswith("“The bridge is safe,”") and content.endswith("twice.”")


@pytest.mark.model
def test_reporting_verb_inside_a_quote_is_not_a_second_attribution(nlp: Language) -> None:
    text = "“I think the bridge is safe,” Maria Lopez said."
    source, cue, content = parts(only(nlp, text))
    assert (source, cue, content) == ("Maria Lopez", "said", "“I think the bridge is safe,”")


SOURCE_TYPE_EXAMPLES = [
    ("Maria Lopez said the talks had stalled.", "named_person"),
    ("The Kremlin said the talks had stalled.", "named_organization"),
    ("Russian state media said the talks had stalled.", "named_organization"),
    ("Reuters reported that the talks had stalled.", "named_organization"),
    ("The Defence Ministry said the talks had stalled.", "named_organization"),
    ("A senior Kremlin advisor said the talks had stalled.", "anonymous"),
    (
        "A frontline serviceman, speaking under the condition of anonymity, said the unit "
        "had retreated.",
        "anonymous",
    ),
    ("A source close to the negotiations said the talks had stalled.", "anonymous"),
    ("Analysts suggest the talks have stalled.", "vague"),
    ("Reports say the talks have stalled.", "vague"),
    ("It is believed that the talks have stalled.", "vague"),
    ("Critics say the talks have stalled.", "vague"),
    ("Experts say the talks have stalled.", "vague"),
    ("Local residents said the water was dirty.", "vague"),
    ("Some say the talks have stalled.", "vague"),
    # Plural person nouns without a count are an unspecified group; a count or a
    # description of their access makes them specific (unnamed) people.
    ("Officials said the bridge would reopen in May.", "vague"),
    ("Doctors at the district clinic said the beds were full.", "vague"),
    ("Three officials said the bridge would reopen in May.", "anonymous"),
    ("Officials familiar with the plan said the bridge would reopen in May.", "anonymous"),
    # A name in apposition after a comma names the titled source.
    ("The city's transport secretary, Maria Lopez, said the bridge would reopen.", "named_person"),
    # A possessive makes an institution noun definite.
    ("His office said the senator would attend the hearing.", "named_organization"),
    # A sentence-initial capitalised common noun is not an untagged name.
    ("Bystanders described the fire as huge.", "vague"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "source_type"), SOURCE_TYPE_EXAMPLES)
def test_source_types(nlp: Language, text: str, source_type: str) -> None:
    finding = only(nlp, text)
    assert finding["label"] == source_type
    assert finding["evidence"]["source_rule"]


@pytest.mark.model
def test_hearsay_passive_has_a_vague_source_and_no_mention(nlp: Language) -> None:
    finding = only(nlp, "The senator is expected to resign on Friday.")
    assert finding["label"] == "vague" and finding["evidence"]["rule"] == "impersonal-passive"
    assert finding["source"]["text"] is None and finding["cue"]["text"] == "expected"


@pytest.mark.model
def test_anonymity_phrase_is_the_evidence(nlp: Language) -> None:
    finding = only(
        nlp,
        "A frontline serviceman, speaking under the condition of anonymity, said the unit "
        "had retreated.",
    )
    assert finding["evidence"]["anonymity"] == "condition of anonymity"
    assert finding["source"]["text"] == "A frontline serviceman"
    assert finding["source"]["role"] == "A frontline serviceman"


@pytest.mark.model
def test_quote_with_no_speaker_is_unknown(nlp: Language) -> None:
    finding = only(
        nlp, "The banner over the gate read: “Nobody here will ever surrender the town.”"
    )
    assert finding["label"] == "unknown"
    assert finding["source"]["text"] is None and finding["cue"] is None


@pytest.mark.model
def test_pronoun_resolves_to_the_earlier_named_person(nlp: Language) -> None:
    text = "Vladimir Putin spoke in Moscow on Monday. He said the offensive had begun."
    finding = only(nlp, text)
    assert finding["source"]["text"] == "He"
    assert finding["source"]["resolved"] == "Vladimir Putin"
    assert finding["label"] == "named_person"


@pytest.mark.model
def test_name_in_apposition_resolves_the_title(nlp: Language) -> None:
    finding = only(
        nlp, "The city's transport secretary, Maria Lopez, said the bridge would reopen."
    )
    assert finding["source"]["text"] == "The city's transport secretary"
    assert finding["source"]["resolved"] == "Maria Lopez"
    assert finding["source"]["role"] == "The city's transport secretary"


@pytest.mark.model
def test_short_name_of_an_earlier_organisation(nlp: Language) -> None:
    text = "Brenmoor Logistics posted a loss on Monday. Brenmoor said fuel costs had doubled."
    found = [f for f in attributions(nlp, text) if f["source"]["text"] == "Brenmoor"]
    assert len(found) == 1
    assert found[0]["label"] == "named_organization"
    assert found[0]["source"]["resolved"] == "Brenmoor Logistics"


def test_title_before_a_name_tagged_as_an_organisation_is_a_person() -> None:
    # The parse and entities are given: the title compound "officer" before a proper noun
    # the NER took for an organisation.
    nlp = spacy.blank("en")
    words = ["Chief", "financial", "officer", "Oskar", "Virt"]
    words += ["said", "costs", "would", "fall", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True] * 8 + [False, False],
        heads=[2, 2, 4, 4, 5, 5, 8, 8, 5, 5],
        deps=[
            "amod",
            "amod",
            "compound",
            "compound",
            "nsubj",
            "ROOT",
            "nsubj",
            "aux",
            "ccomp",
            "punct",
        ],
        pos=["ADJ", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["JJ", "JJ", "NN", "NNP", "NNP", "VBD", "NNS", "MD", "VB", "."],
        lemmas=[
            "chief",
            "financial",
            "officer",
            "Oskar",
            "Virt",
            "say",
            "cost",
            "would",
            "fall",
            ".",
        ],
        ents=["O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O"],
    )
    (att,) = extract_attributions(doc)
    assert att.source_type == "named_person"
    assert att.evidence["source_rule"] == "a title before a proper noun: a named person"


@pytest.mark.model
def test_pronoun_after_an_unnamed_person_is_anonymous(nlp: Language) -> None:
    text = (
        "Maria Lopez opened the new depot on Monday. A night-shift worker said the machines "
        "were old. He added that the roof leaked."
    )
    found = attributions(nlp, text)
    pronoun = [f for f in found if f["source"]["text"] == "He"]
    assert len(pronoun) == 1
    assert pronoun[0]["label"] == "anonymous" and pronoun[0]["source"]["resolved"] is None


@pytest.mark.model
def test_quote_in_its_own_paragraph_takes_no_speaker_from_another(nlp: Language) -> None:
    text = (
        "The mayor said the bridge would reopen in May.\n\n"
        "“Nobody in this town believes a word of it any more.”"
    )
    found = attributions(nlp, text)
    quote = [f for f in found if f["content"]["text"].startswith("“Nobody")]
    assert len(quote) == 1
    assert quote[0]["label"] == "unknown" and quote[0]["cue"] is None


@pytest.mark.model
def test_role_of_a_titled_name(nlp: Language) -> None:
    finding = only(
        nlp, "General Valery Gerasimov, Chief of the General Staff, said the offensive had begun."
    )
    assert finding["source"]["text"] == "General Valery Gerasimov"
    assert finding["source"]["role"] == "Chief of the General Staff"


@pytest.mark.model
def test_split_quote_is_one_attribution(nlp: Language) -> None:
    text = "“We will not stop,” Maria Lopez said, “until the plant is closed.”"
    source, cue, content = parts(only(nlp, text))
    assert (source, cue) == ("Maria Lopez", "said")
    assert content.startswith("“We will not stop,”") and content.endswith("is closed.”")


@pytest.mark.model
def test_multi_paragraph_quote(nlp: Language) -> None:
    text = (
        "Maria Lopez spoke for an hour at the town hall.\n\n"
        "“The first thing is the water. It is dirty.\n\n"
        "“The second thing is the air,” she said."
    )
    finding = only(nlp, text)
    assert finding["content"]["text"].startswith("“The first thing")
    assert finding["content"]["text"].endswith("the air,”")
    assert finding["cue"]["text"] == "said"


@pytest.mark.model
def test_unpaired_quote_does_not_swallow_the_article(nlp: Language) -> None:
    text = (
        "The mayor said “we will win the vote. The council met again on Friday.\n\n"
        "Later that week the council voted on the budget and the mayor lost."
    )
    for finding in attributions(nlp, text):
        assert finding["end"] <= text.index("\n")


@pytest.mark.model
def test_scare_quotes_are_not_attributions(nlp: Language) -> None:
    assert attributions(nlp, "The so-called “reform” passed on Friday.") == []


@pytest.mark.model
def test_extract_attributions_is_pure_and_typed(nlp: Language) -> None:
    doc = nlp("Maria Lopez said that the bridge would open in May.")
    first = extract_attributions(doc)
    assert first == extract_attributions(doc)
    (att,) = first
    assert att.rule == "ccomp" and att.source_type == "named_person"
    assert doc.text[att.content[0] : att.content[1]] == "that the bridge would open in May"


@pytest.mark.model
def test_component_reports_its_model(nlp: Language) -> None:
    component = nlp.get_pipe("newsift_attribution")
    assert isinstance(component, attribution.AttributionAnalyzer)
    assert component.analyzer_name == "attribution"
    assert [m.name for m in component.models()] == [f"en_{nlp.meta['name']}"]


def test_factory_is_registered() -> None:
    blank = spacy.blank("en")
    assert blank.has_factory("newsift_attribution")


def test_a_pipeline_without_a_parser_is_refused_with_the_fix() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("newsift_attribution")
    with pytest.raises(ConfigError) as error:
        blank("Maria Lopez said the bridge would open.")
    assert error.value.code == "E062"
    assert len(blank("").spans.get("newsift.attribution", [])) == 0


# Pieces to build article-like text from: quote marks, names, reporting verbs, the rest.
_PIECES = st.lists(
    st.one_of(
        st.sampled_from(['"', "“", "”", "‘", "’", "'", "\n\n", ". ", ", ", ": "]),
        st.sampled_from(
            ["Maria Lopez", "he", "she", "the Kremlin", "Reuters", "a source", "analysts"]
        ),
        st.sampled_from(["said", "told reporters", "according to", "claims", "was confirmed by"]),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        st.sampled_from(["the bridge will open", "We will win", "it is believed that"]),
    ),
    max_size=25,
)


@pytest.mark.model
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=_PIECES, separators=st.lists(st.sampled_from(["", " "]), min_size=25, max_size=25))
def test_offsets_hold_for_any_text(nlp: Language, pieces: list[str], separators: list[str]) -> None:
    text = "".join(p + s for p, s in zip(pieces, separators, strict=False))
    doc = nlp(text)
    findings = [f.to_dict() for f in doc_to_findings(doc) if f.kind == "attribution"]
    for finding in findings:
        check_offsets(text, finding)
    assert [f.to_dict() for f in doc_to_findings(nlp(text)) if f.kind == "attribution"] == findings


def test_a_lowercase_person_entity_is_no_name(nlp: Language) -> None:
    """The small NER tags "serviceman" as PERSON here; a name has a capital letter."""
    text = (
        "A frontline serviceman said his unit had been rotated out only once in 40 days. "
        "According to him, supplies of shells had fallen sharply since October."
    )
    found = findings(nlp, text)
    assert [(f["source"]["text"], f["label"]) for f in found] == [
        ("A frontline serviceman", "anonymous"),
        ("him", "anonymous"),
    ]
    assert found[1]["evidence"]["source_refers_to"] == "A frontline serviceman"


def test_every_rule_in_the_table_is_documented_scored_and_explained() -> None:
    from newsift.analyzers.attribution import rules, table

    names = [rule.name for rule in table.RULES]
    assert len(set(names)) == len(names)
    for rule in table.RULES:
        assert f"``{rule.name}``" in (rules.__doc__ or ""), rule.name
        assert 0.0 < rule.precision < 1.0 and rule.content and rule.measured
    assert {rule.name: rule.precision for rule in table.RULES} == table.RULE_PRECISION
    assert {rule.name: rule.content for rule in table.RULES} == table.RULE_CONTENT


def test_findings_name_a_rule_of_the_table_and_score_its_precision(nlp: Language) -> None:
    from newsift.analyzers.attribution.table import RULE_CONTENT, RULE_PRECISION

    text = (
        "The minister said that the bridge would reopen. According to the mayor, the road is "
        "safe. “We will rebuild,” she added. It is believed that the dam was hit."
    )
    found = findings(nlp, text)
    assert found
    for finding in found:
        rule = finding["evidence"]["rule"]
        assert finding["score"] == RULE_PRECISION[rule]
        assert finding["evidence"]["content"] == RULE_CONTENT[rule]
