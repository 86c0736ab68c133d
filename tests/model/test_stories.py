"""Rasa's own story test for the main flows in both languages, failing on any wrong prediction."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_story_flows_predict_every_step():
    out = ROOT / "results" / "core"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "test", "core", "--model", str(ROOT / "models" / "vaxjo.tar.gz"),
         "--stories", str(ROOT / "tests" / "stories"), "--fail-on-prediction-errors", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    failed = out / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, detail
