"""Time the places and time analyzers on a ~700-word article, after the model is warm.

Run: ``.venv/bin/python benchmarks/bench_places_time.py``. Prints the gazetteer load time
(cold, this process) and the process's peak RSS once it is loaded, spaCy's own parse time and
the time the two newsift components add.
"""

from __future__ import annotations

import resource
import statistics
import time

PARAGRAPH = (
    "Shelling continued overnight around Bakhmut, which Russian officials call Artemovsk, "
    "regional authorities said on Wednesday. Residents who fled to Kramatorsk and Sloviansk "
    "described empty streets after the 18-month siege. In Kyiv, the defence ministry said air "
    "defences shot down drones over Kharkiv and Odesa last month. A spokesman in Moscow said "
    "troops had advanced near Avdiivka and Bakhmutt on December 11. Aid convoys from Poland "
    "reached Dnipro, while officials in Zaporizhia asked for generators. The siege, now in "
    "its third year, has displaced 2.5 million people, and talks in Paris, Texas, and "
    "Springfield, Illinois, raised money every Monday at 3:30 p.m. "
)


def main() -> None:
    started = time.perf_counter()
    from newsift.analyzers.places.gazetteer import load_gazetteer

    load_gazetteer()
    load_seconds = time.perf_counter() - started
    load_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    import newsift.analyzers.places
    import newsift.analyzers.timex  # noqa: F401
    from newsift.pipeline import load_spacy

    nlp = load_spacy()
    places = nlp.add_pipe("newsift_places")
    timex = nlp.add_pipe("newsift_time")
    text = " ".join([PARAGRAPH] * 6)
    words = len(text.split())
    parse_times, ours = [], []
    for run in range(12):
        doc = nlp.make_doc(text)
        doc.user_data["newsift.published"] = "2024-02-14"
        t0 = time.perf_counter()
        for name, component in nlp.pipeline:
            if not name.startswith("newsift_"):
                doc = component(doc)
        t1 = time.perf_counter()
        doc = timex(places(doc))
        t2 = time.perf_counter()
        if run >= 2:  # warm
            parse_times.append(t1 - t0)
            ours.append(t2 - t1)
    print(f"gazetteer load (cold): {load_seconds * 1000:.0f} ms, peak RSS {load_rss_mb:.0f} MB")
    print(f"article: {words} words")
    print(f"spaCy parse: median {statistics.median(parse_times) * 1000:.1f} ms")
    print(
        f"places + time: median {statistics.median(ours) * 1000:.1f} ms, "
        f"max {max(ours) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
