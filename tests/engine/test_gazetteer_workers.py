"""The gazetteer switch reaches the processes that extract: forked local workers and Ray actors."""

import os

from dossier.engine import LocalEngine
from dossier.ingest import iter_inputs, read_items
from dossier.records import Document, Raw

TEXT = ("Islamic Emirate Says ISIS-K Cell Broken Up\n\n"
        "KABUL — The Islamic Emirate said on Monday that its forces had broken up an ISIS-K cell "
        "in Kabul, days after AQIS praised an attack on a checkpoint in {place}.\n")


def _raws(folder, count: int) -> list[Raw]:
    for i in range(count):
        (folder / f"a{i:02d}.txt").write_text(TEXT.format(place=f"district {i}"), encoding="utf-8")
    return [item for inp in iter_inputs([str(folder)]) for item in read_items(inp) if isinstance(item, Raw)]


def _keys(docs: list[Document]) -> set[str | None]:
    return {m.gazetteer for doc in docs for ref in doc.entities for m in ref.mentions}


def _pids(docs: list[Document]) -> set[int]:
    return {doc.meta["pid"] for doc in docs}


def test_local_engine_workers_extract_without_gazetteer_when_told(tmp_path, monkeypatch):
    import dossier.engine as engine_module

    def process_noting_pid(items, extractor):  # which process did the work, to be sure it was a worker
        return [Document(**{**_fields(r), "meta": {**r.meta, "pid": os.getpid()}}) if isinstance(r, Document) else r
                for r in real_process(items, extractor)]

    real_process = engine_module.process
    monkeypatch.setattr(engine_module, "process", process_noting_pid)
    raws = _raws(tmp_path, 6)
    batches = [raws[i:i + 2] for i in range(0, len(raws), 2)]
    results = {switch: [d for batch in LocalEngine(2).map(iter(batches), extract=True, gazetteer=switch)
                        for d in batch] for switch in (True, False)}
    assert all(isinstance(d, Document) for docs in results.values() for d in docs)
    assert os.getpid() not in _pids(results[False]), "extraction ran in forked workers"
    assert _keys(results[True]) >= {"taliban", "iskp"}
    assert _keys(results[False]) == {None}


def _fields(doc: Document) -> dict:
    return {name: getattr(doc, name) for name in Document.__dataclass_fields__}


def test_ray_worker_loads_the_extractor_the_run_asks_for(tmp_path):
    from dossier.ray_engine import DossierWorker  # the actor's class; Ray itself is not needed here

    raws = _raws(tmp_path, 1)
    worker = DossierWorker()
    with_gazetteer, without = worker.run(raws, True), worker.run(raws, True, False)
    assert "taliban" in _keys(with_gazetteer)
    assert _keys(without) == {None}
