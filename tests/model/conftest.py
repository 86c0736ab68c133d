import asyncio
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "vaxjo.tar.gz"


@pytest.fixture(scope="session")
def agent():
    from rasa.core.agent import Agent

    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    return Agent.load(str(MODEL))


@pytest.fixture(scope="session")
def parse(agent):
    loop = asyncio.new_event_loop()

    def parse_text(text: str):
        return loop.run_until_complete(agent.parse_message(text))

    yield parse_text
    loop.close()
