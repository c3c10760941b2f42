# ruff: noqa: E501  (one paragraph per line, as the articles are laid out)
"""Small articles written for these tests: a wire story, an independent report of the same
event, and unrelated stories that copies borrow their own text from."""

from __future__ import annotations

import re

WIRE = """Dock workers at the port of Marlow Bay walked off the job on Tuesday morning, halting the loading of grain ships for the first time in eleven years, union officials said.

The stoppage began shortly after the night shift ended, when roughly four hundred members of the Harbour Workers Guild gathered at the main gate and refused to board the cranes. Managers at the terminal said three vessels bound for the northern coast were left half loaded at their berths.

The dispute centres on a plan by the port authority to replace manual lashing crews with automated clamps over the next two years. The union argues the plan would cut more than a third of the jobs on the waterfront without any retraining money set aside for the workers affected.

Talks between the two sides broke down late on Monday after a twelve hour session at the regional labour office. A mediator appointed by the provincial government is expected to call both delegations back to the table before the end of the week.

Farmers in the surrounding valley warned that a long strike would leave the autumn harvest stranded in silos that are already close to full. Grain prices on the regional exchange rose sharply in early trading as buyers tried to secure supplies from other ports along the coast.

The port authority said in a written statement that it remained committed to a negotiated settlement and that emergency shipments of medical supplies would continue to be handled by supervisors during the stoppage."""

SAME_STORY = """Marlow Bay's waterfront fell silent this week as hundreds of dockers stopped work in protest at automation plans, leaving grain carriers stuck at the quay.

Members of the Harbour Workers Guild say machines that fasten containers without human crews threaten their livelihoods. Guild organisers estimate that a third of positions could vanish under the scheme proposed by port managers.

Negotiations at the labour office collapsed on Monday night. Provincial officials have named a mediator and hope to resume discussions within days.

Valley growers fear their harvest may rot if the dispute drags on, and traders reported higher grain prices on the regional market. Port managers insist they want an agreement and promise that urgent medical cargo will still move."""

OWN_TEXT = """Local residents gathered outside the town hall in the evening to debate the new bus timetable, which cuts the last service from the station by almost an hour.

Several shift workers told councillors that the change would leave them without a way home after late duties, and asked for a trial period before the timetable is made permanent.

The transport committee agreed to publish ridership figures for the late services next month and to hold a second public meeting in the spring, when the winter timetable ends."""

UNRELATED = """The city library reopened its reading room on Saturday after a renovation that took most of the year and replaced the leaking glass roof above the main hall.

Visitors found new oak tables, brighter lamps and a children's corner with low shelves and cushions. The head librarian said the collection of local maps, which had been kept in storage during the works, would return to public view by the end of the month.

The renovation was paid for by a regional heritage grant and by donations collected at book sales held in the town square over the past three summers."""

SYNONYMS = {
    "said": "stated",
    "workers": "labourers",
    "began": "started",
    "main": "principal",
    "refused": "declined",
    "plan": "proposal",
    "jobs": "positions",
    "broke": "fell",
    "expected": "likely",
    "warned": "cautioned",
    "long": "lengthy",
    "rose": "climbed",
    "remained": "stayed",
    "continue": "keep",
    "first": "initial",
    "roughly": "about",
    "gathered": "assembled",
    "left": "stranded",
    "replace": "substitute",
    "cut": "eliminate",
    "late": "later",
    "call": "summon",
    "sharply": "steeply",
    "tried": "sought",
    "committed": "dedicated",
    "handled": "managed",
    "halting": "stopping",
    "members": "affiliates",
    "argues": "contends",
    "between": "among",
}


def reword(text: str) -> str:
    """A light rewrite: swap the words of :data:`SYNONYMS`, keeping everything else."""
    return re.sub(r"\w+", lambda m: SYNONYMS.get(m.group(), m.group()), text)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs."""
    return text.split("\n\n")
