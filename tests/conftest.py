"""Every test runs against the same patched Rasa as the servers (bot/patches.py, installed by bot/cli.py there),
and gets a marker of the test pyramid from where it lives, so `pytest -m unit` is the inner loop.

unit: no trained model, no server (seconds). model: loads or trains a model, no server.
live: talks to running servers (REST, socket.io, browser, databases). slow: minutes of its own (fuzz, image, retraining).
"""
from pathlib import Path

import pytest

from bot import patches

patches.install()

TESTS = Path(__file__).resolve().parent
LAYER_OF_DIRECTORY = {"unit": "unit", "data": "unit", "model": "model"}  # every other directory: live


def pytest_configure(config):
    for marker, meaning in (("unit", "no model, no server"), ("model", "a trained model, no server"),
                            ("live", "running servers"), ("slow", "minutes of its own")):
        config.addinivalue_line("markers", f"{marker}: {meaning}")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        directory = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        layer = LAYER_OF_DIRECTORY.get(directory, "live")
        if not any(item.get_closest_marker(name) for name in ("unit", "model", "live")):
            item.add_marker(getattr(pytest.mark, layer))
