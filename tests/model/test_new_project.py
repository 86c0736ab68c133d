"""A project added as one content file is understood by name after retraining: no other file is edited."""
import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.unit.conftest import NEW_PROJECT, make_tracker, render

ROOT = Path(__file__).resolve().parents[2]



def test_new_project_file_then_retraining_answers_about_it_by_name(tmp_path, monkeypatch):
    project = tmp_path / "bot-copy"
    for part in ("content", "data", "bot"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "content" / "projects" / "clean-water.yml").write_text(yaml.safe_dump(NEW_PROJECT, allow_unicode=True))
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["epochs"] = 15  # enough to learn the intent here; the test is about the name
    (project / "config.yml").write_text(yaml.safe_dump(config))

    rasa = Path(sys.executable).parent / "rasa"
    env = {**os.environ, "VAXJO_CONTENT_DIR": str(project / "content"), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "actions.portfolio", "export-nlu",
                    str(project / "data" / "nlu" / "generated" / "entities.yml")], env=env, check=True, cwd=ROOT)
    assert "vattenprojektet" in (project / "data" / "nlu" / "generated" / "entities.yml").read_text()
    trained = subprocess.run([str(rasa), "train", "nlu", "--config", str(project / "config.yml"),
                              "--nlu", str(project / "data" / "nlu"), "--out", str(project / "models"),
                              "--fixed-model-name", "nlu"], env=env, cwd=ROOT, capture_output=True, text=True,
                             timeout=900)
    assert trained.returncode == 0, trained.stderr[-3000:]

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
