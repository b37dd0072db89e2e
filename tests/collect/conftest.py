"""Fixtures of the collect tests: a local site (tests/collect/site.py) and a fast fetch policy."""

from tests.collect.site import policy, site

__all__ = ["policy", "site"]
