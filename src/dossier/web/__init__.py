"""The local web UI (`dossier serve`): server-rendered pages and a small JSON API over one store."""

from dossier.web.app import make_app

__all__ = ["make_app"]
