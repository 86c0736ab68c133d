"""The report on a store without conversations: a clear message, exit code 0, a page saying so."""
import json
import shutil

import sqlalchemy as sa

from tests.report.conftest import run_insights
from tests.servers import ROOT


def _check_empty(result, out_dir, until="2026-01-31"):
    assert result.returncode == 0, result.stderr
    assert "There were no conversations between 2026-01-01 and 2026-01-31" in result.stdout
    report = json.loads((out_dir / f"report-{until}.json").read_text(encoding="utf-8"))
    assert report["empty"] is True
    assert report["totals"]["conversations"] == report["totals"]["messages"] == 0
    assert report["median_conversation_length"] == 0
    for empty_list in ("unanswered", "negative_feedback", "negative_feedback_by_response", "top_intents"):
        assert report[empty_list] == []
    assert len(report["per_day"]) == 31 and all(day["messages"] == 0 for day in report["per_day"])
    html = (out_dir / f"report-{until}.html").read_text(encoding="utf-8")
    assert "There were no conversations in this period." in html
    assert "nlu: []" in (out_dir / f"unanswered-{until}.yml").read_text(encoding="utf-8")
    assert (out_dir / f"unanswered-{until}.csv").read_text(encoding="utf-8").splitlines() == [
        "text,language,kind,intent,count,first_seen,last_seen"]
    assert (out_dir / f"phrasings-todo-{until}.yml").read_text(encoding="utf-8").rstrip().endswith("phrasings: []")


def test_missing_database_file(tmp_path):
    db = tmp_path / "nothing-here.db"
    result = run_insights("report", "--since", "2026-01-01", "--until", "2026-01-31", url=f"sqlite:///{db}",
                          out_dir=tmp_path / "out")
    _check_empty(result, tmp_path / "out")
    assert f"no tracker store at {db}" in result.stdout
    assert not db.exists()  # reading must not create an empty database


def test_store_with_an_empty_events_table(tmp_path):
    db = tmp_path / "empty.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
                                   "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                                   "action_name VARCHAR(255), data TEXT)"))
    engine.dispose()
    result = run_insights("report", "--since", "2026-01-01", "--until", "2026-01-31", url=f"sqlite:///{db}",
                          out_dir=tmp_path / "out")
    _check_empty(result, tmp_path / "out")


def test_database_without_tables(tmp_path):
    db = tmp_path / "blank.db"
    sa.create_engine(f"sqlite:///{db}").connect().close()
    result = run_insights("report", "--since", "2026-01-01", "--until", "2026-01-31", url=f"sqlite:///{db}",
                          out_dir=tmp_path / "out")
    _check_empty(result, tmp_path / "out")


def test_unreachable_database_is_an_error_not_an_empty_report(tmp_path):
    result = run_insights("report", url="postgresql://nobody:secret@127.0.0.1:1/none", out_dir=tmp_path)
    assert result.returncode == 1
    assert "Could not read the tracker store" in result.stderr and "secret" not in result.stderr


def test_a_report_is_made_when_the_content_does_not_load(tmp_path):
    """The draft phrasings need content/; a broken copy of it costs the drafts, not the report."""
    broken = tmp_path / "content"
    shutil.copytree(ROOT / "content", broken)
    (broken / "programme.yml").write_text("programme: [not, a, programme\n", encoding="utf-8")
    result = run_insights("report", "--since", "2026-01-01", "--until", "2026-01-31",
                          url=f"sqlite:///{tmp_path / 'none.db'}", out_dir=tmp_path / "out",
                          env={"VAXJO_CONTENT_DIR": str(broken)})
    _check_empty(result, tmp_path / "out")
    assert "No draft phrasings: the content could not be loaded" in result.stderr
