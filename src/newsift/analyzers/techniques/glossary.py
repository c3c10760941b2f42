"""Plain-language glossary of the 14 persuasion techniques (SemEval-2020 Task 11 classes).

Written for a reader who has never heard of the technique: what the writer does, in one
sentence, and why it matters. Keys are the corpus labels, spelled exactly as in PTC.
"""

from __future__ import annotations

from typing import NamedTuple


class Technique(NamedTuple):
    """A technique's display name and its one-sentence explanation."""

    name: str
    explanation: str


GLOSSARY: dict[str, Technique] = {
    "Appeal_to_Authority": Technique(
        "Appeal to authority",
        "Treats a claim as true because an expert, official or famous person said it, "
        "rather than showing the evidence.",
    ),
    "Appeal_to_fear-prejudice": Technique(
        "Appeal to fear or prejudice",
        "Tries to win support by making the reader afraid of something or by playing on "
        "existing prejudices against a group.",
    ),
    "Bandwagon,Reductio_ad_hitlerum": Technique(
        "Bandwagon / guilt by association",
        "Says an idea is right because everyone supports it, or wrong because a hated "
        "person or group (such as the Nazis) supported it.",
    ),
    "Black-and-White_Fallacy": Technique(
        "Black-and-white fallacy",
        "Presents only two options as if no others existed, often one good and one "
        "disastrous, to push the reader toward the writer's choice.",
    ),
    "Causal_Oversimplification": Technique(
        "Causal oversimplification",
        "Blames a complex problem on one single cause, leaving out everything else that "
        "played a part.",
    ),
    "Doubt": Technique(
        "Doubt",
        "Questions the credibility of a person or institution, often without giving a "
        "reason, so the reader stops trusting them.",
    ),
    "Exaggeration,Minimisation": Technique(
        "Exaggeration or minimisation",
        "Makes something seem much bigger, better or worse than it is, or plays down "
        "something that matters.",
    ),
    "Flag-Waving": Technique(
        "Flag-waving",
        "Appeals to patriotism or group identity (the nation, the people, our side) to "
        "justify a position instead of arguing for it.",
    ),
    "Loaded_Language": Technique(
        "Loaded language",
        "Uses emotionally charged words to stir feelings about the subject instead of "
        "describing it neutrally.",
    ),
    "Name_Calling,Labeling": Technique(
        "Name calling or labelling",
        "Attaches an insulting or flattering label to a person or group so the reader "
        "judges them by the label.",
    ),
    "Repetition": Technique(
        "Repetition",
        "Repeats the same word, phrase or message many times so it sticks and starts to feel true.",
    ),
    "Slogans": Technique(
        "Slogan",
        "Uses a short, catchy phrase that stands in for an argument, often a rallying cry "
        "or a label for a cause.",
    ),
    "Thought-terminating_Cliches": Technique(
        "Thought-terminating cliché",
        "Uses a stock phrase ('it is what it is', 'enough said') that discourages the "
        "reader from thinking further about the issue.",
    ),
    "Whataboutism,Straw_Men,Red_Herring": Technique(
        "Whataboutism, straw man or red herring",
        "Dodges a criticism by pointing at someone else's wrongs, attacks a distorted "
        "version of the opposing view, or changes the subject.",
    ),
}

#: The 14 classes, in the corpus's order.
TECHNIQUES: tuple[str, ...] = tuple(GLOSSARY)


def explain(label: str) -> str:
    """The one-sentence explanation of ``label`` (empty for an unknown label)."""
    entry = GLOSSARY.get(label)
    return entry.explanation if entry else ""


def display_name(label: str) -> str:
    """A readable name for ``label`` (the label itself when unknown)."""
    entry = GLOSSARY.get(label)
    return entry.name if entry else label
