# ruff: noqa: E501  (one article per line)
"""Short articles written for the Spark tests: news-like sentences with quotes, sources,
places, dates and claims, so every analyzer has something to find."""

from __future__ import annotations

from typing import Any

TEXTS = [
    'The mayor of Leeds said on Monday that the new tram line would open in March. "We are on budget," she told reporters.',
    "According to a senior official, the talks in Geneva collapsed late on Friday. Negotiators are expected to return next week.",
    "Prices rose by 4.2 percent in October, the statistics office said. Economists had expected a smaller increase.",
    '"This is a disgrace," said Tom Harris, a local farmer, after the council voted to close the market in Bristol.',
    "Officials in Nairobi confirmed that 1,200 people were evacuated after heavy rain. The army said roads remain closed.",
    "Critics say the ruthless plan will destroy thousands of jobs. The company denied the claim in a statement on Tuesday.",
    "The World Health Organization said the outbreak in Lagos was under control. Sources close to the ministry disagreed.",
    "Police in Madrid arrested three men on Sunday, a spokesman said. The suspects will appear in court on Wednesday.",
    "Unemployment fell to 3.8 percent last month, the lowest level since 2019, according to government figures.",
    "The storm hit the coast of Florida on Thursday night. Residents were told to stay indoors until Saturday.",
    'Analysts warned that the treaty could collapse within weeks. "Nobody trusts anybody," one diplomat said.',
    "The European Commission fined the bank 300 million euros for breaking competition rules, it announced on Friday.",
    "Teachers in Ohio will strike next Monday unless the district raises pay, union leader Maria Lopez said.",
    "Scientists at the University of Oslo said the glacier had lost a third of its mass since 1990.",
    "The president called the report fake news and a witch hunt during a rally in Phoenix on Saturday.",
    "Flights from Heathrow were delayed for hours after a power cut, the airport said in a brief statement.",
    "Some experts believe the virus spread earlier than reported. The ministry said it had seen no evidence of that.",
    "A spokesperson for the railway said services between Paris and Lyon would resume on Tuesday morning.",
    "The central bank raised interest rates by half a point, its fourth increase this year, the governor announced.",
    "Witnesses told the BBC that the fire started in a kitchen on the third floor shortly after midnight.",
    "The minister insisted that the army had never targeted civilians. Human rights groups said that was a lie.",
    "Farmers in Punjab said the drought had destroyed half of the wheat harvest, and they asked the government for help.",
]


def article_rows() -> list[dict[str, Any]]:
    """The fixture articles as JSONL rows (ids a01 …, one outlet per three, dated)."""
    return [
        {
            "id": f"a{i + 1:02d}",
            "text": text,
            "title": f"Story {i + 1}",
            "url": f"https://news{i % 3}.example/story-{i + 1}",
            "outlet": f"Outlet {i % 3}",
            "published": f"2024-{(i % 3) + 1:02d}-{(i % 27) + 1:02d}T0{i % 10}:15:00+00:00",
        }
        for i, text in enumerate(TEXTS)
    ]


#: Documents that can't be analysed, with the code each must get.
BAD_ROWS: list[tuple[dict[str, Any], str]] = [
    ({"id": "bad-empty", "text": "   "}, "E032"),
    ({"id": "bad-notext", "title": "No body"}, "E008"),
    (
        {
            "id": "bad-date",
            "text": "The council met on Monday, officials said.",
            "published": "last week",
        },
        "E031",
    ),
    (
        {
            "id": "bad-german",
            "text": "Der Bürgermeister sagte am Montag, dass die neue Straßenbahnlinie im März eröffnet werde und alle Bürger sich darauf freuen könnten.",
        },
        "E013",
    ),
]
#: A line that is not JSON at all (E161).
BROKEN_LINE = '{"id": "bad-json", "text": "unterminated'
