"""Exports: the contract's JSONL document records, and (later) CSV, GraphML, STIX, Markdown."""

from dossier.export.jsonl import document_record, write_jsonl

__all__ = ["document_record", "write_jsonl"]
