"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "venezuela-2026-01-03.txt"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed article built once into a temporary folder."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-out")
    return build([SEED], out)
