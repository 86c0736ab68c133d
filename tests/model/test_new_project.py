"""A project added as one content file is understood by name after retraining: no other file is edited.
The copy with the new file and its `rasa train nlu` run in the background from the start of the session
(tests/model/background.py), on the second core while other tests run."""
import asyncio

import pytest

from tests.model.background import ROOT
from tests.unit.conftest import make_tracker, render

pytestmark = pytest.mark.late  # tests/conftest.py: after the others, while its command runs


def test_new_project_file_then_retraining_answers_about_it_by_name(retrained_with_new_project, monkeypatch):
    job = retrained_with_new_project
    project = job.work / "bot-copy"
    assert job.returncode == 0, job.output[-3000:]
    assert "vattenprojektet" in (project / "data" / "nlu" / "generated" / "entities.yml").read_text()

    from rasa.core.agent import Agent
    from rasa.shared.core.domain import Domain

    monkeypatch.setenv("VAXJO_CONTENT_DIR", str(project / "content"))
    agent = Agent.load(str(project / "models" / "nlu.tar.gz"))
    parsed = asyncio.run(agent.parse_message("när genomfördes vattenprojektet?"))
    assert {"entity": "project", "value": "clean-water"}.items() <= next(
        e for e in parsed["entities"] if e["entity"] == "project").items(), parsed["entities"]

    from rasa_sdk.executor import CollectingDispatcher

    from actions.portfolio.store import get_store
    from actions.projects import ActionAnswerProject

    domain = Domain.load(str(ROOT / "bot" / "domain")).as_dict()
    tracker = make_tracker(parsed["text"], "ask_project_period", parsed["entities"])
    dispatcher = CollectingDispatcher()
    ActionAnswerProject().run(dispatcher, tracker, domain)
    assert get_store().portfolio.projects["clean-water"].period.start == 2023
    assert render(dispatcher.messages[0], domain, "sv") == "Rent vatten i skolan (AQUA 3) genomfördes 2023–2025."
