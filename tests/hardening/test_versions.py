"""The installed Rasa and Sanic are the releases with the known security fixes (and requirements.txt pins them)."""
from importlib.metadata import version
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def test_rasa_is_3_6_21():
    assert version("rasa") == "3.6.21"


def test_sanic_is_at_least_21_12_2():
    assert Version(version("sanic")) >= Version("21.12.2")


def test_requirements_pin_them():
    pins = dict(line.split("==", 1) for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert pins["rasa"] == "3.6.21"
    assert Version(pins["sanic"]) >= Version("21.12.2")
