"""Source categories: what kind of voice speaks, beside the source's type.

One of :data:`CATEGORIES`, decided from the words of the source mention, the role the text
gives it ("the defence minister, Anna Berg") and what a pronoun refers to ("a nurse in
Bergen"), in a fixed order (the first that matches wins):

1. ``outlet``: the publisher's own voice ("we" outside quotations, unsigned; "Kaieteur News
   understands", "The Herald has learned", "this newspaper can reveal");
2. ``state_media``: a state outlet ("state television", "KCNA", "Xinhua", "RIA Novosti");
3. ``media``: other media ("Reuters", "The New York Times", "a local newspaper", "reporters");
4. ``document``: a document speaks ("a study", "the indictment", "a DEA complaint", "polls");
5. ``military``: armed forces and their people ("the army", "a colonel", "the defence
   ministry", "the Pentagon");
6. ``government``: governments, officials, legislators, police, courts ("the minister",
   "White House officials", "Senator X", "police");
7. ``expert``: analysts, researchers, academics ("an analyst at X", "economists");
8. ``witness``: witnesses, residents, victims, relatives ("a resident of Kherson", "the
   mother of one of the victims");
9. ``other``: everything else (candidates, companies, campaigners, unnamed people).

The word lists are below; ``newsift eval categories`` measures them on newsift's own
labelled set.
"""

from __future__ import annotations

import re
from typing import Literal

Category = Literal[
    "government",
    "military",
    "state_media",
    "media",
    "document",
    "expert",
    "witness",
    "outlet",
    "other",
]
CATEGORIES: tuple[Category, ...] = (
    "government",
    "military",
    "state_media",
    "media",
    "document",
    "expert",
    "witness",
    "outlet",
    "other",
)

#: Verbs an outlet speaks its own knowledge with ("X News understands …").
OUTLET_VERBS: frozenset[str] = frozenset({"understand", "learn", "reveal", "confirm", "establish"})

_STATE_MEDIA_NAMES = re.compile(
    r"\b(?:kcna|xinhua|tass|ria(?: novosti)?|irna|sana|cctv|cgtn|global times|press tv|"
    r"rt|sputnik|rossiya|channel one|people's daily|korean central|belta|wam|spa|anadolu)\b"
)
_STATE_MEDIA_PHRASE = re.compile(
    r"\bstate(?:-run|-owned|-controlled)?\s+(?:media|television|tv|radio|broadcaster|news|"
    r"agency|newspaper|press|channel|outlet|daily|broadcasting|wire)\b"
)
_MEDIA_NAMES = re.compile(
    r"\b(?:reuters|associated press|ap|afp|agence france-presse|bbc|cnn|nbc|abc|cbs|fox news|"
    r"msnbc|npr|bloomberg|politico|axios|al jazeera|breitbart|the hill|buzzfeed|huffington|"
    r"vox|wikinews|guardian|telegraph|independent|economist)\b"
)
_MEDIA_NAME_WORDS = re.compile(
    r"\b(?:news|times|post|journal|tribune|herald|gazette|telegraph|chronicle|observer|"
    r"press|daily|magazine|radio|television|tv|broadcasting|newspaper|newswire|mail|"
    r"courier|star|sun|mirror|express|inquirer|examiner|bulletin|review|weekly)\b"
)
_WORDS: dict[Category, frozenset[str]] = {
    "media": frozenset(
        {
            "reporter",
            "reporters",
            "journalist",
            "journalists",
            "correspondent",
            "editor",
            "newspaper",
            "newspapers",
            "outlet",
            "outlets",
            "broadcaster",
            "media",
            "columnist",
            "anchor",
            "network",
            "magazine",
            "tabloid",
            "channel",
            "wire",
            "blogger",
            "pundit",
            "commentator",
            "host",
        }
    ),
    "document": frozenset(
        {
            "study",
            "studies",
            "report",
            "reports",
            "survey",
            "surveys",
            "poll",
            "polls",
            "research",
            "paper",
            "review",
            "investigation",
            "audit",
            "assessment",
            "document",
            "documents",
            "letter",
            "memo",
            "filing",
            "filings",
            "complaint",
            "indictment",
            "lawsuit",
            "suit",
            "affidavit",
            "ruling",
            "judgment",
            "verdict",
            "data",
            "figures",
            "statistics",
            "census",
            "dossier",
            "records",
            "transcript",
            "bill",
            "law",
            "statement",
            "release",
            "analysis",
            "estimate",
            "estimates",
            "projection",
            "projections",
            "forecast",
            "chart",
            "video",
            "footage",
            "email",
            "emails",
            "tweet",
            "post",
            "website",
            "warrant",
            "order",
            "resolution",
            "treaty",
            "manifesto",
        }
    ),
    "military": frozenset(
        {
            "army",
            "military",
            "militaries",
            "navy",
            "troops",
            "soldier",
            "soldiers",
            "general",
            "colonel",
            "commander",
            "commanders",
            "officer",
            "officers",
            "marine",
            "marines",
            "pentagon",
            "brigade",
            "battalion",
            "regiment",
            "admiral",
            "sergeant",
            "lieutenant",
            "captain",
            "major",
            "corps",
            "defence",
            "defense",
            "forces",
            "idf",
            "nato",
            "servicemen",
            "serviceman",
            "paratrooper",
            "airmen",
            "guard",
            "militia",
            "rebels",
            "fighters",
            "insurgents",
        }
    ),
    "government": frozenset(
        {
            "government",
            "governments",
            "minister",
            "ministers",
            "ministry",
            "ministries",
            "president",
            "presidency",
            "official",
            "officials",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "senator",
            "senators",
            "governor",
            "mayor",
            "congressman",
            "congresswoman",
            "congress",
            "lawmaker",
            "lawmakers",
            "legislator",
            "legislators",
            "parliament",
            "mp",
            "mps",
            "deputy",
            "council",
            "councillor",
            "councilor",
            "cabinet",
            "secretary",
            "ambassador",
            "embassy",
            "diplomat",
            "diplomats",
            "administration",
            "authorities",
            "authority",
            "department",
            "agency",
            "police",
            "policeman",
            "prosecutor",
            "prosecutors",
            "attorney",
            "court",
            "judge",
            "judges",
            "sheriff",
            "kremlin",
            "white",
            "downing",
            "elysee",
            "state",
            "federal",
            "premier",
            "chancellor",
            "king",
            "queen",
            "regulator",
            "regulators",
            "commission",
            "commissioner",
            "fbi",
            "cia",
            "dea",
            "doj",
            "epa",
            "fda",
            "cdc",
            "un",
            "eu",
            "who",
            "imf",
            "representative",
            "rep",
            "sen",
            "gov",
            "speaker",
            "senate",
            "house",
            "republicans",
            "democrats",
            "party",
            "parties",
            "envoy",
            "consul",
            "consulate",
            "mayor's",
            "governor's",
            "treasury",
            "bureau",
            "inspector",
            "ombudsman",
            "customs",
            "immigration",
            "emirate",
            "sultan",
            "prince",
            "vice",
            "chairman",
            "chairwoman",
        }
    ),
    "expert": frozenset(
        {
            "analyst",
            "analysts",
            "expert",
            "experts",
            "professor",
            "professors",
            "researcher",
            "researchers",
            "economist",
            "economists",
            "scientist",
            "scientists",
            "scholar",
            "scholars",
            "academic",
            "academics",
            "historian",
            "historians",
            "strategist",
            "strategists",
            "pollster",
            "pollsters",
            "consultant",
            "consultants",
            "university",
            "institute",
            "think",
            "tank",
            "lecturer",
            "specialist",
            "specialists",
            "epidemiologist",
            "virologist",
            "physician",
            "doctor",
            "doctors",
            "dr",
            "observer",
            "observers",
            "fellow",
            "lab",
            "laboratory",
            "center",
            "centre",
            "foundation",
        }
    ),
    "witness": frozenset(
        {
            "witness",
            "witnesses",
            "eyewitness",
            "eyewitnesses",
            "resident",
            "residents",
            "villager",
            "villagers",
            "survivor",
            "survivors",
            "neighbour",
            "neighbor",
            "neighbours",
            "neighbors",
            "passenger",
            "passengers",
            "victim",
            "victims",
            "relative",
            "relatives",
            "mother",
            "father",
            "son",
            "daughter",
            "wife",
            "husband",
            "brother",
            "sister",
            "bystander",
            "bystanders",
            "locals",
            "local",
            "shopkeeper",
            "farmer",
            "farmers",
            "onlooker",
            "onlookers",
            "parent",
            "parents",
            "family",
            "families",
            "student",
            "students",
            "patient",
            "patients",
            "refugee",
            "refugees",
            "woman",
            "man",
            "worker",
            "workers",
            "driver",
            "nurse",
            "teacher",
            "pupil",
        }
    ),
}
#: The order in which the word lists are tried.
_WORD_ORDER: tuple[Category, ...] = (
    "media",
    "document",
    "military",
    "government",
    "expert",
    "witness",
)
_WORD = re.compile(r"[a-z][a-z'’.-]*")
_DEFENCE = re.compile(
    r"\b(?:defen[cs]e (?:minister|ministry|secretary|department|official|spokes\w+)|"
    r"pentagon|ministry of defen[cs]e|department of defen[cs]e|armed forces)\b"
)


def source_category(
    source_text: str | None,
    role: str | None,
    refers_to: str | None,
    resolved: str | None,
    *,
    publisher_voice: bool = False,
    cue_lemma: str = "",
    source_type: str = "",
) -> tuple[Category, str]:
    """The category of a source and the reason for it.

    Args:
        source_text: The source mention as written ("the defence minister").
        role: The title or description the text gives the source.
        refers_to: What a pronoun or description refers to ("a nurse in Bergen").
        resolved: The full name it resolves to.
        publisher_voice: The source is the publisher's own "we".
        cue_lemma: The cue's lemma ("understand" in "X News understands").
        source_type: The source's type (a named organisation may be an outlet).

    Returns:
        ``(category, reason)``.
    """
    if publisher_voice:
        return "outlet", "the publisher's own voice ('we' outside quotations, unsigned)"
    words_text = " ".join(t for t in (source_text, role, refers_to, resolved) if t).lower()
    if not words_text:
        return "other", "no source in the text"
    own_account = source_type == "named_organization" or re.search(
        r"\b(?:this|our)\s+(?:newspaper|paper|news|site)\b", words_text
    )
    if (
        cue_lemma in OUTLET_VERBS
        and _MEDIA_NAME_WORDS.search((source_text or "").lower())
        and own_account
    ):
        return "outlet", f"a news outlet that {cue_lemma}s on its own account"
    if re.search(r"\b(?:this|our)\s+(?:newspaper|paper|site|publication)\b", words_text):
        return "outlet", "the publication speaking of itself"
    if _STATE_MEDIA_PHRASE.search(words_text) or _STATE_MEDIA_NAMES.search(words_text):
        return "state_media", "a state outlet ('state television', 'KCNA', 'Xinhua')"
    if _MEDIA_NAMES.search(words_text):
        return "media", "a news organisation by name"
    words = _WORD.findall(words_text)
    head_words = _WORD.findall((source_text or "").lower())
    if _DEFENCE.search(words_text):
        return "military", "the defence ministry or its people"
    # the head of the source decides first ("a study by Harvard economists" is a document),
    # then the role and what it refers to
    for pool in (head_words[-1:], words):
        for category in _WORD_ORDER:
            hit = next((w for w in pool if w in _WORDS[category]), None)
            if hit is not None:
                return category, f"{category} word {hit!r}"
    if source_type == "named_organization" and _MEDIA_NAME_WORDS.search(words_text):
        return "media", "an organisation named like a news outlet"
    return "other", "no category word in the source, its role or what it refers to"
