"""Rasa's own story test for the main flows in both languages, failing on any wrong prediction
(`rasa test core`, started in the background as soon as the tests are collected: tests/model/background.py)."""
import pytest

pytestmark = pytest.mark.late  # tests/conftest.py: after the others, while its command runs


def test_story_flows_predict_every_step(story_test):
    failed = story_test.work / "core" / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else story_test.output[-6000:]
    assert story_test.returncode == 0, detail
