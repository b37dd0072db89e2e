"""The collection tables (migration 0011) on both backends: watch list, source state, page outcomes."""

from __future__ import annotations

from dossier.store.base import PageRow, SourceRow, Store


def test_save_source_adds_then_updates_the_interval(store: Store) -> None:
    assert store.save_source("https://a.example/feed", interval_s=600) is True
    assert store.save_source("https://a.example/feed", interval_s=1200) is False
    (row,) = store.list_sources()
    assert (row.url, row.saved, row.interval_s, row.last_fetch) == ("https://a.example/feed", True, 1200, None)


def test_unsave_source_keeps_its_state_off_the_list(store: Store) -> None:
    store.save_source("https://a.example/feed", interval_s=600)
    store.record_source(SourceRow(url="https://a.example/feed", saved=True, interval_s=600, etag='"e"'))
    assert store.unsave_source("https://a.example/feed") is True
    assert store.unsave_source("https://a.example/feed") is False
    assert store.list_sources() == []
    state = store.source_state("https://a.example/feed")
    assert state is not None and state.etag == '"e"' and not state.saved


def test_record_source_keeps_the_users_watch_settings(store: Store) -> None:
    store.save_source("https://a.example/feed", interval_s=600)
    store.record_source(SourceRow(url="https://a.example/feed", saved=False, interval_s=3600, kind="feed",
                                  last_fetch="2026-01-01T00:00:00+00:00", last_error="HTTP 503", documents=4))
    state = store.source_state("https://a.example/feed")
    assert state is not None and state.saved and state.interval_s == 600
    assert (state.kind, state.last_error, state.documents) == ("feed", "HTTP 503", 4)


def test_due_sources_are_the_saved_ones_never_fetched_or_past_due(store: Store) -> None:
    for name, due in (("a", None), ("b", "2026-01-01T00:00:00+00:00"), ("c", "2026-06-01T00:00:00+00:00")):
        url = f"https://{name}.example/feed"
        store.save_source(url, interval_s=60)
        if due:
            store.record_source(SourceRow(url=url, saved=True, interval_s=60, next_due=due))
    store.record_source(SourceRow(url="https://unsaved.example/feed", saved=False, interval_s=60))
    due = [row.url for row in store.due_sources("2026-03-01T00:00:00+00:00")]
    assert due == ["https://a.example/feed", "https://b.example/feed"]


def test_record_page_replaces_the_outcome_and_lists_retries(store: Store) -> None:
    failed = PageRow(url="https://a.example/1", source_url="https://a.example/feed", status="failed",
                     fetched_at="2026-01-01T00:00:00+00:00", error="HTTP 503", attempts=2)
    store.record_page(failed)
    assert store.pages_to_retry("https://a.example/feed", max_attempts=5) == ["https://a.example/1"]
    assert store.pages_to_retry("https://a.example/feed", max_attempts=2) == []
    store.record_page(PageRow(url="https://a.example/1", source_url=None, status="stored",
                              fetched_at="2026-01-02T00:00:00+00:00", doc_id="abc"))
    page = store.page_state("https://a.example/1")
    assert page is not None and (page.status, page.doc_id, page.source_url) == ("stored", "abc", "https://a.example/feed")
    assert store.pages_to_retry("https://a.example/feed", max_attempts=5) == []
