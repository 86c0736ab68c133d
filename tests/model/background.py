"""Commands a model test waits for, started right after collection (tests/model/conftest.py) so that they run on
the second core while other tests run: Rasa's story test and the retraining with a new project. Each is a real
subprocess; the test asserts on its exit status and output, as if it had run it there and then."""
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "vaxjo.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")
WORK = ROOT / "var" / "log" / "test" / "model"


class Background:
    def __init__(self, name: str, commands: Callable[[Path], List[List[str]]],
                 env: Callable[[Path], Dict[str, str]] = lambda work: {}):
        self.name, self.commands, self.env = name, commands, env
        self.work = WORK / name
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> "Background":
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        script = " && ".join(subprocess.list2cmdline(command) for command in self.commands(self.work))
        self.process = subprocess.Popen(["bash", "-c", script], cwd=ROOT, stdout=open(self.work / "output.log", "w"),
                                        stderr=subprocess.STDOUT,
                                        env={**os.environ, "PYTHONPATH": str(ROOT), **self.env(self.work)})
        return self

    def wait(self, timeout: float = 900) -> "Background":
        if self.process is None:
            self.start()
        self.process.wait(timeout=timeout)
        return self

    @property
    def returncode(self) -> int:
        return self.process.returncode

    @property
    def output(self) -> str:
        return (self.work / "output.log").read_text(errors="replace")


def story_test_commands(work: Path) -> List[List[str]]:
    return [[RASA, "test", "core", "--model", str(MODEL), "--stories", str(ROOT / "tests" / "stories"),
             "--fail-on-prediction-errors", "--out", str(work / "core")]]


def new_project_training(project_file: dict) -> Callable[[Path], List[List[str]]]:
    """A copy of the bot with one more content file (VAXJO_CONTENT_DIR: new_project_env), its lookup tables
    exported again, and `rasa train nlu`."""
    def commands(work: Path) -> List[List[str]]:
        project = work / "bot-copy"
        for part in ("content", "data", "bot"):
            shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        (project / "content" / "projects" / "clean-water.yml").write_text(yaml.safe_dump(project_file,
                                                                                          allow_unicode=True))
        shutil.copyfile(ROOT / "config.yml", project / "config.yml")
        return [[sys.executable, "-m", "actions.portfolio", "export-nlu",
                 str(project / "data" / "nlu" / "generated" / "entities.yml")],
                [RASA, "train", "nlu", "--config", str(project / "config.yml"), "--nlu", str(project / "data" / "nlu"),
                 "--out", str(project / "models"), "--fixed-model-name", "nlu"]]
    return commands


def new_project_env(work: Path) -> Dict[str, str]:
    return {"VAXJO_CONTENT_DIR": str(work / "bot-copy" / "content")}
