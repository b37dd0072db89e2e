"""The storage codec, re-exported from :mod:`dossier.codec` (where the stores read it)."""

from dossier.codec import KINDS, decode, encode

__all__ = ["KINDS", "decode", "encode"]
