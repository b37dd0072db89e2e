"""The alerts package's public surface is exact."""

from __future__ import annotations

import types

import dossier.alerts


def test_alerts_all_is_exact_and_sorted() -> None:
    names = dossier.alerts.__all__
    assert names == sorted(names)
    assert all(getattr(dossier.alerts, name) is not None for name in names)
    public = {n for n, v in vars(dossier.alerts).items()
              if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"}
    assert public == set(names)
    assert callable(dossier.alerts.evaluate)  # the function, not the module of the same name
