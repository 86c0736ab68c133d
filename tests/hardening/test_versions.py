"""The installed Rasa and Sanic are the releases with the known security fixes (requirements.in and .lock pin them)."""
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def test_rasa_is_3_6_21():
    assert version("rasa") == "3.6.21"


def test_sanic_is_at_least_21_12_2():
    assert Version(version("sanic")) >= Version("21.12.2")


@pytest.mark.parametrize("requirements", ["requirements.in", "requirements.lock"])
def test_requirements_pin_them(requirements):
    pins = dict(line.split("#", 1)[0].strip().split("==", 1) for line in (ROOT / requirements).read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert pins["rasa"] == "3.6.21"
    assert Version(pins["sanic"]) >= Version("21.12.2")


def test_the_lock_pins_exactly_what_is_installed_and_no_test_or_bench_tool():
    pins = dict(line.strip().split("==", 1) for line in (ROOT / "requirements.lock").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert {name: version(name) for name in pins} == pins
    assert not {"pytest", "ruff", "playwright", "locust"} & {name.lower() for name in pins}
