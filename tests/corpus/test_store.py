"""The corpus store: content-hash keys, transactional batches, migrations, coded errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from newsift.corpus.migrations import MIGRATIONS
from newsift.corpus.model import CorpusArticle
from newsift.corpus.store import (
    CorpusStore,
    RecordedError,
    StoredArticle,
    content_key,
    engine_url,
)
from newsift.errors import ConfigError


def stored(article_id: str, body: str, published: str | None = None) -> StoredArticle:
    when = dt.datetime.fromisoformat(published) if published else None
    return StoredArticle(
        key=content_key(body),
        article=CorpusArticle(id=article_id, text=body, outlet="Wire", published=when),
        published=published,
        source=f"feed.jsonl:{article_id}",
        report={"findings": []},
        fingerprint=b"\x00fp",
    )


def test_same_text_twice_is_a_no_op(db_url: str) -> None:
    with CorpusStore.open(db_url) as store:
        assert store.add_batch([stored("a", "One text.")]) == 1
        assert store.add_batch([stored("a-again", "One text.")]) == 0
        assert store.count() == 1
        assert [a.id for a in store.articles()] == ["a"]


def test_published_keeps_time_of_day_and_zone(db_url: str) -> None:
    with CorpusStore.open(db_url) as store:
        store.add_batch([stored("a", "Text.", "2026-03-03T07:10:00+01:00")])
        (article,) = store.articles()
    assert article.published == dt.datetime(
        2026, 3, 3, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )


def test_errors_are_recorded_once_per_source_and_code(db_url: str) -> None:
    bad = RecordedError("feed.jsonl:3", "E008", "[E008] feed.jsonl, line 3: no text")
    with CorpusStore.open(db_url) as store:
        store.add_batch([], [bad])
        store.add_batch([], [bad])
        assert store.errors() == [bad]


def test_a_batch_is_all_or_nothing(db_url: str) -> None:
    with CorpusStore.open(db_url) as store:
        # Two different texts under one id break the unique id: the whole batch is refused.
        with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
            store.add_batch([stored("a", "First."), stored("a", "Second.")])
        assert store.count() == 0


def test_the_schema_version_is_recorded_and_opening_again_migrates_nothing(db_url: str) -> None:
    CorpusStore.open(db_url).close()
    with CorpusStore.open(db_url) as store, store.engine.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    assert versions == [m.version for m in MIGRATIONS]


def test_a_newer_schema_is_refused_with_e093(db_url: str) -> None:
    with CorpusStore.open(db_url) as store, store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO schema_version VALUES (999, 'from the future', :now)"),
            {"now": dt.datetime.now(dt.UTC)},
        )
    with pytest.raises(ConfigError, match=r"\[E143\].*schema version 999"):
        CorpusStore.open(db_url)


def test_identical_results_on_both_databases(db_url: str, tmp_path: Path) -> None:
    batch = [stored(f"id-{n}", f"Text number {n}.", "2026-03-03T07:10:00+00:00") for n in range(5)]
    with CorpusStore.open(db_url) as store:
        store.add_batch(batch)
        here = list(store.articles())
    with CorpusStore.open(f"sqlite:///{tmp_path / 'reference.db'}") as reference:
        reference.add_batch(batch)
        assert here == list(reference.articles())


def test_a_missing_sqlite_file_is_e092_for_reading_commands(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[E142\].*no corpus there yet"):
        CorpusStore.open(str(tmp_path / "none.db"), create=False)


def test_an_unknown_driver_is_e090() -> None:
    with pytest.raises(ConfigError, match=r"\[E140\] --db nosuchdb://x"):
        CorpusStore.open("nosuchdb://x")


def test_an_unreachable_server_is_e091_without_the_password() -> None:
    with pytest.raises(ConfigError, match=r"\[E141\]") as caught:
        CorpusStore.open("postgresql://user:secret@127.0.0.1:1/corpus")
    assert "secret" not in caught.value.message


def test_urls() -> None:
    assert engine_url("news.db") == "sqlite:///news.db"
    assert engine_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///x.db") == "sqlite:///x.db"


def test_readers_keep_the_time_of_day_and_zone_of_published(tmp_path: Path) -> None:
    from newsift.ingest import read_inputs
    from newsift.model import Article

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "A.", "published": "2026-03-03T07:10:00+01:00"}\n'
        '{"text": "B.", "published": "2026-03-03"}\n',
        encoding="utf-8",
    )
    timed, dated = list(read_inputs([str(feed)]))
    assert isinstance(timed, Article) and isinstance(dated, Article)
    assert timed.published == dt.date(2026, 3, 3)
    assert timed.published_at == dt.datetime(
        2026, 3, 3, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert dated.published_at is None
