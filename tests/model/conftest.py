import asyncio
from pathlib import Path

import pytest

from tests.model.background import Background, new_project_env, new_project_training, story_test_commands
from tests.quiet_logs import quiet_rasa_parse_logs
from tests.unit.conftest import NEW_PROJECT

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "vaxjo.tar.gz"
# Fixture name -> the command its test waits for, started as soon as the tests are collected.
BACKGROUND = {
    "story_test": lambda: Background("story-test", story_test_commands),
    "retrained_with_new_project": lambda: Background("new-project", new_project_training(NEW_PROJECT),
                                                     new_project_env),
}
_started = {}


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    wanted = {name for item in session.items for name in BACKGROUND if name in item.fixturenames}
    for name in sorted(wanted):
        _started[name] = BACKGROUND[name]().start()


def _finished(name: str) -> Background:
    job = _started.get(name) or BACKGROUND[name]()
    return job.wait()


@pytest.fixture(scope="session")
def story_test() -> Background:
    return _finished("story_test")


@pytest.fixture(scope="session")
def retrained_with_new_project() -> Background:
    return _finished("retrained_with_new_project")


@pytest.fixture(scope="session")
def agent():
    from rasa.core.agent import Agent

    quiet_rasa_parse_logs()

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
