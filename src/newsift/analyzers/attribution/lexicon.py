"""Word lists the ``attribution`` analyzer matches against (lemmas, lowercased).

Where a list comes from: the reporting verbs are the commonest cue lemmas of PolNeAR's
*train* part (Newell et al., LREC 2018; ``said`` alone is a fifth of all cues) together with
the verbs of speech and cognition that textacy's ``direct_quotations`` uses
(``textacy/extract/triples.py``, ``_reporting_verbs``). The source lists follow the issue's
definitions of ``anonymous`` (a specific but unnamed person) and ``vague`` (unspecified groups
and hearsay), and the anonymity formulas are the ones news style guides prescribe (AP
Stylebook, "anonymous sources": "spoke on condition of anonymity because …").
"""

from __future__ import annotations

#: Verbs of saying and reporting that take a clause (``X said that …``) or a quote.
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "add", "note", "report", "claim", "confirm", "announce", "state",
        "write", "explain", "argue", "insist", "suggest", "warn", "deny", "acknowledge",
        "admit", "reply", "respond", "tweet", "declare", "predict", "allege", "assert",
        "contend", "maintain", "stress", "emphasize", "emphasise", "reveal", "disclose",
        "indicate", "conclude", "recall", "complain", "concede", "caution", "promise",
        "vow", "pledge", "threaten", "testify", "remark", "observe", "point", "mention",
        "tout", "boast", "joke", "quip", "shout", "yell", "scream", "exclaim", "whisper",
        "continue", "answer", "counter", "retort", "agree", "propose", "urge", "ask",
        "post", "publish", "broadcast", "recount", "describe", "comment", "affirm",
        "reiterate", "repeat", "signal", "hint", "imply", "charge", "accuse",
        "estimate", "forecast", "speculate", "surmise", "posit", "muse", "lament",
        "brag", "concur", "dispute", "reckon", "figure", "go on", "rule",
    }
)  # fmt: skip

#: Verbs of belief and perception PolNeAR annotates as attributions too ("Trump believes …",
#: "polls show …"); the issue's vague examples include "it is believed".
COGNITION_VERBS: frozenset[str] = frozenset(
    {
        "believe", "think", "feel", "know", "expect", "fear", "worry", "hope", "doubt",
        "suspect", "assume", "presume", "guess", "show", "find", "suggest", "indicate",
        "understand", "learn", "hear", "realize", "realise", "wonder", "question",
        "consider", "insist", "recognize", "recognise", "see", "imagine", "rumor", "rumour",
    }
)  # fmt: skip

#: Verbs whose ``xcomp`` is attributed content ("X promised to …", "X vowed to …"):
#: commitments and stances PolNeAR annotates as attributed intentions.
XCOMP_VERBS: frozenset[str] = frozenset(
    {
        "promise",
        "vow",
        "pledge",
        "threaten",
        "refuse",
        "decline",
        "urge",
        "seem",
        "appear",
        "want",
        "plan",
        "intend",
        "seek",
        "hope",
        "expect",
        "aim",
        "prefer",
        "agree",
        "offer",
        "propose",
        "like",
        "love",
        "hate",
        "wish",
        "need",
        "vote",
        "push",
        "tell",
        "instruct",
        "order",
    }
)

#: Verbs of stance and evaluation whose direct object PolNeAR annotates as attributed content
#: ("Clinton called the agreement “an historic step forward”", "Pence blames the media for
#: …", "the Treasury announced new measures"): frequent non-speech cues of PolNeAR train.
OBJECT_VERBS: frozenset[str] = frozenset(
    {
        "show", "want", "accuse", "blame", "criticize", "criticise", "praise", "call", "describe",
        "support", "oppose", "endorse", "reject", "dismiss", "defend", "attack", "slam",
        "blast", "condemn", "applaud", "welcome", "cite", "demand", "seek", "prefer",
        "favor", "favour", "question", "challenge", "deny", "announce", "propose",
        "recommend", "request", "dub", "label", "characterize", "characterise", "view",
        "regard", "portray", "cast", "tout", "highlight", "mention", "acknowledge", "admit",
        "reveal", "unveil", "promise", "pledge", "threaten", "predict", "warn", "urge",
        "ask", "invite", "decry", "denounce", "mock", "ridicule", "lambaste", "fault",
        "credit", "thank", "hail", "celebrate", "emphasize", "stress", "repeat",
        "reiterate", "confirm", "report", "claim", "suggest", "explain", "recall", "note",
        "share", "express", "voice", "insist", "argue", "say", "write", "tweet", "post",
        "publish", "issue", "offer", "outline", "lay", "accept", "expect", "dispute",
        "suspect", "forecast", "estimate", "fear",
    }
)  # fmt: skip

#: Verbs whose prepositional object PolNeAR annotates as the content ("talked about the
#: economy", "called for a ban", "railed against trade deals", "pointed to the polls"):
#: the commonest verb + preposition cues of PolNeAR train.
PREPOSITION_VERBS: dict[str, frozenset[str]] = {
    "about": frozenset(
        {
            "talk", "speak", "ask", "worry", "wonder", "brag", "boast", "complain", "think",
            "write", "say", "joke", "warn", "care", "know", "hear", "learn", "testify",
            "tweet", "argue", "comment", "remark", "fret", "muse", "rant", "lie", "inquire",
        }
    ),
    "for": frozenset(
        {"call", "push", "advocate", "ask", "press", "argue", "lobby", "plead", "campaign",
         "appeal"}
    ),
    "on": frozenset(
        {"call", "comment", "touch", "pounce", "insist", "dwell", "elaborate",
         "weigh", "reflect", "spar", "attack", "harp"}
    ),
    "to": frozenset({"refer", "point", "respond", "reply", "object", "allude", "agree", "turn"}),
    "against": frozenset({"rail", "campaign", "warn", "caution", "argue", "speak", "fight"}),
    "with": frozenset({"agree", "side", "disagree", "sympathize", "empathize", "identify"}),
    "of": frozenset(
        {"speak", "warn", "think", "approve", "disapprove", "boast", "despair", "tell"}
    ),
    "at": frozenset({"hint", "lash", "jab", "sneer", "scoff", "marvel", "balk", "rail"}),
    "over": frozenset({"clash", "spar", "fight", "argue", "worry", "fret", "agonize"}),
    "from": frozenset({"distance", "quote", "cite", "back"}),
}  # fmt: skip

#: Nouns that report with a possessive source ("Trump's claim that …", "Clinton's criticism
#: of …"): nominal cues of PolNeAR train whose content this rule found at least 40% of the
#: time ("support", "comments", "position" and the like fell below and are left out).
CUE_NOUNS: frozenset[str] = frozenset(
    {
        "claim", "assertion", "allegation", "suggestion", "proposal", "assessment",
        "insistence", "argument", "attack", "criticism", "critique", "endorsement", "praise",
        "accusation", "charge", "contention", "prediction", "warning", "promise", "pledge",
        "vow", "belief", "denial", "admission", "acknowledgment", "acknowledgement",
        "explanation", "description", "characterization", "insult", "complaint", "demand",
    }
)  # fmt: skip

#: Passives that report hearsay about their subject with no source: "X is expected to win",
#: "X is believed to have left", "X is said to be ill" (PolNeAR's commonest cues without a
#: source, e.g. "is expected").
RAISING_PASSIVES: frozenset[str] = frozenset(
    {
        "expect", "believe", "consider", "see", "think", "say", "report", "rumor", "rumour",
        "know", "estimate", "project", "predict", "suppose", "understand", "presume",
        "reckon", "allege", "tip",
    }
)  # fmt: skip

#: Verbs of telling whose object is the audience ("told a briefing that …", "assured
#: investors that …"): a that-clause after the object is the content, not a relative clause.
AUDIENCE_VERBS: frozenset[str] = frozenset(
    {"tell", "inform", "assure", "remind", "warn", "brief", "notify", "advise", "reassure"}
)

#: Verbs that report through an ``as``-clause: "as X put it", "as X said".
AS_CLAUSE_VERBS: frozenset[str] = frozenset({"put", "say", "note", "write", "tell", "report"})

#: Verbs that report hearsay with a dummy subject and no source: "it has emerged that …",
#: "it transpired that …" (the active counterparts of "it is understood that …").
IMPERSONAL_VERBS: frozenset[str] = frozenset({"emerge", "transpire"})

#: Verbs through which a passive reports someone's words: "X is quoted as saying …", "X was
#: cited by state radio as saying …": the source is X, not the outlet in the ``by`` phrase.
QUOTED_AS_VERBS: frozenset[str] = frozenset({"quote", "cite", "report"})

#: Pronouns that refer to a person (resolved to the most recent PERSON entity).
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her", "i", "me"})
#: Pronouns that refer to an organisation (resolved to the most recent ORG, NORP or GPE
#: entity within three sentences).
ORGANIZATION_PRONOUNS: frozenset[str] = frozenset({"it"})
#: Pronouns for groups: too loose to resolve by recency; the source stays vague.
GROUP_PRONOUNS: frozenset[str] = frozenset({"it", "they", "them", "we", "us"})
#: Endings of nouns that name people ("farmer", "governor", "activist", "historian",
#: "resident"): an unnamed singular source with such a head is a specific person
#: (anonymous); other common nouns ("the footage", "a panel") are not identifiable sources.
PERSON_SUFFIXES: tuple[str, ...] = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman")

#: Anonymity formulas (AP Stylebook wording and its usual variants); matched as lowercased
#: substrings in the source's sentence, outside the content.
ANONYMITY_PHRASES: tuple[str, ...] = (
    "condition of anonymity",
    "speaking anonymously",
    "spoke anonymously",
    "requested anonymity",
    "request anonymity",
    "asked for anonymity",
    "granted anonymity",
    "not authorized to speak",
    "not authorised to speak",
    "asked not to be named",
    "asked not to be identified",
    "declined to be named",
    "declined to be identified",
    "did not want to be named",
    "did not want to be identified",
    "who would not be named",
    "not be named",
    "not be identified",
)

#: Heads of unnamed but specific sources (the issue's "anonymous": "a senior Kremlin
#: advisor", "a frontline serviceman", "a source close to the negotiations").
ANONYMOUS_NOUNS: frozenset[str] = frozenset(
    {
        "source", "official", "spokesman", "spokeswoman", "spokesperson", "aide",
        "adviser", "advisor", "insider", "diplomat", "serviceman", "servicewoman",
        "soldier", "officer", "staffer", "employee", "member", "lawmaker", "legislator",
        "person", "man", "woman", "representative", "negotiator", "investigator",
        "witness", "operative", "strategist", "donor", "executive", "worker", "agent",
        "confidant", "associate", "friend", "relative", "colleague", "delegate",
        "commander", "senator", "congressman", "congresswoman", "governor", "minister",
        "president", "candidate", "nominee", "judge", "lawyer", "attorney", "prosecutor",
        "doctor", "physician", "director", "chairman", "chairwoman", "chair", "leader",
        "manager", "consultant", "pollster", "surrogate", "ally", "supporter", "voter",
        "resident", "researcher", "scientist", "professor", "economist", "historian",
        "analyst", "expert", "critic", "observer", "author", "reporter", "journalist",
        "columnist", "editor", "writer", "campaigner", "activist", "protester", "aide-de-camp",
        "secretary",
    }
)  # fmt: skip

#: Nouns naming people that :data:`PERSON_SUFFIXES` does not catch ("a steward", "one fan",
#: "a nurse", "one mother"): an unnamed singular source with such a head is anonymous.
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "steward", "fan", "nurse", "mother", "father", "parent", "wife", "husband", "son",
        "daughter", "brother", "sister", "uncle", "aunt", "cousin", "grandmother",
        "grandfather", "child", "boy", "girl", "teenager", "pupil", "student", "guard",
        "pilot", "medic", "paramedic", "midwife", "surgeon", "dentist", "vet", "patient",
        "victim", "survivor", "refugee", "migrant", "veteran", "tourist", "local",
        "bystander", "passerby", "neighbour", "neighbor", "coach", "captain", "player",
        "athlete", "referee", "chef", "cook", "priest", "bishop", "imam", "rabbi", "monk",
        "nun", "mayor", "sheriff", "deputy", "envoy", "clerk", "host", "inmate", "detainee",
        "hostage", "prisoner", "suspect", "defendant", "plaintiff", "claimant", "guardian",
        "boss", "chief", "founder", "owner", "landlord", "tenant", "customer",
        "client", "shopkeeper", "vendor", "trader", "dealer", "banker", "broker",
        "entrepreneur", "mechanic", "electrician", "plumber", "labourer", "laborer",
        "miner", "fisherman", "engineer", "technician", "nutritionist", "psychologist",
        "therapist", "pharmacist", "scientist", "cleric", "monarch", "mp", "mep",
        "councillor", "councilor", "cllr", "user", "commenter", "blogger", "influencer",
        "resident", "citizen", "civilian", "villager", "homeowner", "commuter", "motorist",
        "passenger", "driver", "shopper", "diner", "spectator", "viewer", "listener",
        "reader", "subscriber", "insider", "source",
    }
)  # fmt: skip

#: Words that describe a group of unnamed sources by their access ("people familiar with the
#: talks", "officials close to the board", "two people with knowledge of the deal", "aides
#: briefed on the plan"): such a plural is a specific set of people (anonymous), not a kind.
ACCESS_WORDS: frozenset[str] = frozenset(
    {"familiar", "close", "knowledge", "access", "privy", "brief"}
)

#: Heads of unspecified groups and hearsay (the issue's "vague": "analysts suggest",
#: "reports say", "critics", "experts", "local residents", "some"); plural forms of the
#: anonymous nouns above that name a kind, not a specific group, are here too.
VAGUE_NOUNS: frozenset[str] = frozenset(
    {
        "analyst", "expert", "critic", "observer", "resident", "people", "report",
        "rumor", "rumour", "some", "many", "other", "most", "several", "few", "everyone",
        "everybody", "someone", "somebody", "anyone", "nobody", "commentator", "pundit",
        "skeptic", "sceptic", "study", "survey", "poll", "research", "voter", "american",
        "citizen", "supporter", "opponent", "detractor", "insider", "scholar",
        "economist", "scientist", "historian", "conservative", "liberal", "democrat",
        "republican", "media", "press", "word", "speculation", "story", "account",
        "all", "both", "each", "either", "neither", "one", "they", "we", "you",
    }
)  # fmt: skip

#: Heads that name an institution when definite or modified by a name ("the Kremlin",
#: "the Defence Ministry", "Russian state media", "the campaign").
ORGANIZATION_NOUNS: frozenset[str] = frozenset(
    {
        "kremlin", "pentagon", "ministry", "government", "administration", "department",
        "agency", "committee", "commission", "council", "campaign", "party", "police",
        "court", "newspaper", "paper", "media", "outlet", "network", "channel", "station",
        "magazine", "company", "firm", "corporation", "bank", "union", "army", "military",
        "navy", "office", "bureau", "service", "embassy", "parliament", "congress",
        "senate", "house", "cabinet", "board", "group", "organization", "organisation",
        "institute", "foundation", "university", "team", "staff", "spokesteam", "state",
        "regime", "authority", "authorities", "coalition", "alliance", "federation",
        "post", "times", "journal", "tribune", "review", "wire", "press",
        "broadcaster", "website", "site", "blog", "nato", "fbi", "cia", "cnn", "reuters",
        "force", "television", "tv", "radio", "association", "regulator", "watchdog",
        "brigade", "battalion", "regiment", "command", "club", "society", "charity", "fund",
        "league", "centre", "center", "hospital", "school", "tribunal", "assembly",
        "chamber", "consortium", "movement", "directorate", "inspectorate", "secretariat",
        "presidency", "utility", "airline", "retailer", "manufacturer", "insurer", "lender",
        "publisher", "supplier", "provider", "carmaker", "automaker", "conglomerate",
        "startup", "daily", "tabloid", "programme", "program", "mission", "delegation",
        "unit", "prosecution", "defence", "defense", "municipality", "junta", "monarchy",
        "lobby", "caucus", "cartel", "syndicate", "trust", "bloc", "faction",
        "nightclub", "restaurant", "hotel", "venue", "museum", "theatre", "theater",
        "gallery", "brand", "chain", "newsroom", "gang", "militia", "coastguard",
        "gendarmerie", "constabulary", "platform", "app", "marketplace", "nonprofit", "ngo",
        "thinktank", "studio", "label", "collective",
    }
)  # fmt: skip

#: Institution nouns that do not name an organisation when they stand right before a name in
#: one phrase ("state Senator …", "Defence Secretary …", "the Post reporter …"): left out of
#: the descriptor rule ("the energy regulator Powerwatch", "the campaign group Save X").
NOT_NAME_DESCRIPTORS: frozenset[str] = frozenset(
    {
        "state", "post", "times", "review", "wire", "defence", "defense", "prosecution",
        "press", "media", "staff", "office", "house", "senate", "congress", "parliament",
        "presidency", "government", "administration", "cabinet", "kremlin", "pentagon",
    }
)  # fmt: skip

#: Words that end organisations' names, not people's ("Halvern Pharma", "Kestrel Holdings",
#: "Brightwave Energy", "Orbita Telecom"): company designators and sector words.
ORGANIZATION_NAME_WORDS: frozenset[str] = frozenset(
    {
        "pharma", "pharmaceuticals", "holdings", "inc", "ltd", "plc", "llc", "llp", "gmbh",
        "ag", "sa", "nv", "corp", "co", "airways", "airlines", "motors", "foods",
        "homes", "logistics", "technologies", "technology", "tech", "systems", "partners",
        "capital", "telecom", "energy", "labs", "industries", "solutions", "ventures",
        "securities", "insurance", "group", "media", "networks", "software", "finance",
        "investments", "resources", "electric", "mining", "shipping",
        "international", "worldwide", "global", "associates", "brothers", "stores",
        "properties", "estates", "developments", "construction", "farms", "brewery",
    }
)  # fmt: skip

#: Honorifics before a name ("Dr Emil Haugen", "Mrs Ana Petric"): what follows is a person.
HONORIFICS: frozenset[str] = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "lord", "lady",
     "rev", "reverend", "fr"}
)  # fmt: skip

#: Institution nouns whose plural still names the institutions of one place ("authorities in
#: Kyiv", "security services"), unlike generic plurals ("groups on Telegram": vague).
INSTITUTION_PLURALS: frozenset[str] = frozenset(
    {"authority", "authorities", "police", "force", "service", "military", "army"}
)

#: Offices a headline names without a determiner and the story names in full ("Skyra boss:
#: …", "Energy Minister: …"): headlinese for "the boss of Skyra".
HEADLINE_OFFICES: frozenset[str] = frozenset(
    {
        "boss", "chief", "head", "leader", "minister", "president", "premier", "chancellor",
        "chairman", "chairwoman", "chair", "director", "executive", "ceo", "manager",
        "coach", "captain", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson",
        "secretary", "commissioner", "founder", "owner", "general", "commander",
    }
)  # fmt: skip

#: Outlets that a ``state`` modifier makes a definite institution ("state media", "state
#: television", "the state news agency"): the state outlet of the country the article is about.
STATE_OUTLETS: frozenset[str] = frozenset(
    {
        "media", "television", "tv", "radio", "broadcaster", "agency", "newspaper", "press",
        "channel", "outlet", "news", "daily", "broadcasting", "wire",
    }
)  # fmt: skip

#: Documents that speak for their author ("a study by the University of Tarnow", "a report
#: from Amnesty International"): the source is the ``by``/``from`` phrase, typed in its place.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {
        "study", "analysis", "report", "survey", "poll", "research", "paper", "review",
        "statement", "investigation", "audit", "assessment", "document", "letter", "memo",
        "filing", "estimate", "projection", "forecast", "ranking", "index", "census",
        "dossier", "briefing", "note", "bulletin", "release", "communique", "post", "tweet",
        "figure", "data", "statistic", "minute", "record", "disclosure", "finding",
    }
)  # fmt: skip

#: Institutions named by a word the small English NER often misses or tags as a place
#: ("the Kremlin", "the Pentagon"), and news agencies and bodies cited by acronym.
NAMED_INSTITUTIONS: frozenset[str] = frozenset(
    {
        "kremlin", "pentagon", "reuters", "nato", "fbi", "cia", "cnn", "ap", "afp", "bbc",
        "un", "eu", "who", "imf", "interfax", "tass", "ria", "xinhua",
    }
)  # fmt: skip

#: Things that "say" or "show" without being a person or a body ("a video shows", "a message
#: read"): an indefinite singular source with such a head is not an unnamed person.
MEDIA_NOUNS: frozenset[str] = frozenset(
    {
        "video", "photo", "photograph", "footage", "image", "picture", "recording", "clip",
        "map", "chart", "graph", "table", "sign", "banner", "message", "email", "text",
        "notice", "headline", "caption", "page", "leaflet", "poster", "book", "film",
        "documentary", "programme", "show", "episode", "song", "speech", "thread",
    }
)  # fmt: skip

#: Capitalised place words that end an address or a seat of power standing for its
#: occupant ("Downing Street", "Capitol Hill", "Bankova Street"): metonymy, an institution.
PLACE_WORDS: frozenset[str] = frozenset(
    {"street", "square", "hill", "palace", "avenue", "road", "lane", "quay", "mansion"}
)

#: Names that hide an identity rather than give it: "who gave only his call sign, Bison".
CALL_SIGN_PHRASES: tuple[str, ...] = ("call sign", "callsign", "call-sign", "nom de guerre")

#: Hearsay and document nouns of ``VAGUE_NOUNS``: not people, so "a report" or "one study"
#: stays hearsay, while a singular person noun of that list ("one pundit") is one person.
HEARSAY_NOUNS: frozenset[str] = frozenset(
    {
        "report", "rumor", "rumour", "study", "survey", "poll", "research", "media", "press",
        "word", "speculation", "story", "account",
    }
)  # fmt: skip

#: Groups of people tied to one named or pronominal person ("her family", "his parents"):
#: specific, if unnamed, people (anonymous), unlike the same nouns unpossessed ("parents").
KIN_GROUP_NOUNS: frozenset[str] = frozenset(
    {
        "family", "relative", "parent", "child", "sibling", "friend", "lawyer", "attorney",
        "representative", "aide", "adviser", "advisor", "publicist", "solicitor",
        "spokespeople", "spokesperson", "entourage",
    }
)  # fmt: skip

#: Role descriptions that refer back to the holder of a title named earlier ("the head of
#: state" after "President Aleksandr Dorin"): the titles (lemmas) they stand for.
ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "head of state": ("president", "king", "queen", "monarch", "emir", "sultan"),
    "head of government": ("minister", "premier", "chancellor"),
}

#: Hearsay nouns that carry their own that-clause ("Rumours that …", "speculation that …"):
#: the noun is the (vague) source of the clause.
HEARSAY_CLAUSE_NOUNS: frozenset[str] = frozenset({"rumour", "rumor", "speculation"})

#: Verbs whose hearsay-noun subject carries its content in an "of" phrase: "Rumours of
#: irregular readings have circulated for months".
HEARSAY_SPREAD_VERBS: frozenset[str] = frozenset(
    {"circulate", "spread", "swirl", "persist", "grow", "surface", "mount", "abound", "emerge"}
)

#: Nouns of telling whose "of"/"about" phrase is what is told: "Villagers have long told
#: stories of a sunken boat".
STORY_NOUNS: frozenset[str] = frozenset({"story", "tale", "account", "rumour", "rumor"})

#: Workers a company has and a person does not ("a Zento engineer", "a senior Tundra pilot"):
#: a one-word name modifying one of these is a company's.
EMPLOYEE_NOUNS: frozenset[str] = frozenset(
    {
        "employee", "engineer", "pilot", "worker", "staffer", "executive", "customer",
        "shareholder", "technician", "driver", "crew", "subscriber", "passenger",
    }
)  # fmt: skip

#: Endings of place names ("Vostrograd", "Annapolis", "Hamburg", "Jacksonville"): a lone
#: such word as the source is a city standing for its government (metonymy), not a person.
PLACE_SUFFIXES: tuple[str, ...] = ("grad", "gorod", "polis", "burg", "ville", "stadt", "abad")

#: Definite nouns for two people named just before ("the couple", "the pair"): named people.
PAIR_NOUNS: frozenset[str] = frozenset({"couple", "pair", "duo"})

#: Verbs by which a poll or survey reports a figure: "The poll put Civic Union on 31 per cent".
FIGURE_VERBS: frozenset[str] = frozenset({"put", "place"})

#: Nouns for a company as often as for a person ("the grid operator, Tervnett", "the
#: developer, Halstow Homes" against "a drone operator", "a software developer"): an
#: institution when definite or followed by a name, a person when indefinite.
COMPANY_OR_PERSON_NOUNS: frozenset[str] = frozenset(
    {"operator", "developer", "carrier", "distributor", "producer", "contractor", "maker"}
)

#: Parties to a deal or a business that are companies as often as people ("its owner, Calder
#: Steel", "the buyer, Norra Group"): a name in apposition to one is not taken for a person's
#: on the strength of the noun alone.
PARTY_NOUNS: frozenset[str] = frozenset(
    {
        "owner", "parent", "partner", "sponsor", "backer", "buyer", "seller", "investor",
        "shareholder", "landlord", "employer", "client", "customer", "supplier", "bidder",
        "founder", "creditor", "lender", "insurer", "tenant", "licensee",
    }
)  # fmt: skip

#: Adjectives that state a stance with a that-clause: "was adamant that …", "remains
#: confident that …" (the linking verb's subject holds the view).
STANCE_ADJECTIVES: frozenset[str] = frozenset(
    {
        "adamant", "confident", "convinced", "certain", "sure", "optimistic", "pessimistic",
        "hopeful", "insistent", "skeptical", "sceptical", "doubtful", "positive",
        "unanimous", "clear", "aware", "concerned", "worried", "afraid", "fearful",
    }
)  # fmt: skip

#: Verbs of refusing to speak: "declined to comment", "refused to say" (polarity ``declined``).
DECLINE_VERBS: frozenset[str] = frozenset({"decline", "refuse"})

#: Speech acts a source can refuse: "refused to comment", "declined to say", "declined to
#: discuss …", "declined to weigh in", "refused to be drawn on …". A refusal to do anything
#: else ("refused to leave the city") reports no statement at all.
REFUSED_SPEECH_VERBS: frozenset[str] = frozenset(
    {"comment", "say", "answer", "confirm", "deny", "discuss", "elaborate", "respond", "reply",
     "speak", "talk", "explain", "disclose", "reveal", "specify", "detail", "name", "identify",
     "interview", "speculate", "testify", "weigh", "draw"}
)  # fmt: skip

#: What "refused to give" can give that is a statement ("declined to give details").
REFUSED_SPEECH_OBJECTS: frozenset[str] = frozenset(
    {"detail", "comment", "interview", "statement", "answer", "explanation", "figure",
     "information", "reason", "name", "response", "testimony", "evidence"}
)  # fmt: skip

#: Cues that deny what they report: "the company denied that …", "denies the allegations"
#: (polarity ``negated``).
DENIAL_VERBS: frozenset[str] = frozenset({"deny"})

#: Verbs that deny a statement when their object names one: "rejected the claim that …",
#: "dismissed the report as propaganda" (not "rejected the plan").
DENIAL_OBJECT_VERBS: frozenset[str] = frozenset({"reject", "dismiss", "refute", "dispute"})

#: Objects that name a statement, for :data:`DENIAL_OBJECT_VERBS`.
STATEMENT_NOUNS: frozenset[str] = frozenset(
    {"claim", "report", "allegation", "accusation", "charge", "suggestion", "assertion",
     "story", "rumour", "rumor", "account", "statement", "speculation", "notion",
     "finding", "assessment", "characterization", "characterisation", "reporting"}
)  # fmt: skip

#: Cues that, negated, say no statement was given ("did not respond", "could not comment",
#: "did not immediately reply"): polarity ``declined``, not ``negated``.
NO_COMMENT_VERBS: frozenset[str] = frozenset(
    {"comment", "respond", "reply", "answer", "return", "elaborate", "explain", "confirm",
     "speak", "talk", "issue"}
)  # fmt: skip

#: What a request for comment asks for: a negated cue with one of these as its object
#: ("had not issued an explanation", "did not return calls") reports no statement.
REQUEST_NOUNS: frozenset[str] = frozenset(
    {"request", "email", "e-mail", "call", "message", "question", "inquiry", "enquiry",
     "query", "comment", "explanation", "statement", "response", "reply", "letter"}
)  # fmt: skip

#: Cues of an allegation: the words are a charge against someone, not a neutral statement.
ALLEGATION_CUES: frozenset[str] = frozenset({"allege", "accuse", "charge", "indict"})

#: Sources whose statements are allegations whatever the verb: legal filings ("a DEA
#: complaint said …", "the indictment says …").
ALLEGATION_SOURCES: frozenset[str] = frozenset(
    {"complaint", "indictment", "lawsuit", "suit", "affidavit", "filing", "allegation",
     "accusation", "charge", "prosecution"}
)  # fmt: skip

#: Cues of an intention ("intends to", "plans to", "vowed to").
INTENTION_CUES: frozenset[str] = frozenset(
    {"intend", "plan", "aim", "want", "seek", "wish", "vow", "pledge", "promise", "threaten",
     "mean", "prepare", "resolve"}
)  # fmt: skip

#: Cues of a belief ("believes", "thinks", "fears").
BELIEF_CUES: frozenset[str] = frozenset(
    {"believe", "think", "feel", "suspect", "fear", "hope", "expect", "doubt", "assume",
     "presume", "guess", "reckon", "suppose", "worry", "consider", "imagine", "wonder",
     "convince", "sure", "confident", "certain"}
)  # fmt: skip

#: Objects that are things, not statements: "posted photos", "picked up a trophy", "shared
#: a video of the crash" report an act, not what someone said (rule ``object``).
NON_STATEMENT_OBJECTS: frozenset[str] = frozenset(
    {"photo", "photograph", "picture", "image", "selfie", "trophy", "award", "prize",
     "medal", "title", "seat", "vote", "ballot", "money", "fund", "car", "house", "food",
     "gift", "flower", "ticket", "game", "match", "goal", "point", "job", "contract"}
)  # fmt: skip

#: Verbs that never report speech, even with a quotation as their object: the copula
#: ("staff were on 'atypical contracts'") and verbs of having and getting.
NON_REPORTING_VERBS: frozenset[str] = frozenset(
    {"be", "have", "become", "get", "remain", "seem", "win", "pick", "take", "receive",
     "star", "direct", "watch", "see", "read", "play", "sing", "release"}
)  # fmt: skip
