"""python -m insights report|export-unanswered [--since DATE] [--until DATE] [--url URL] [--out-dir DIR]

report              reports/report-<until>.html and .json, plus the unanswered-questions export
export-unanswered   only reports/unanswered-<until>.yml (Rasa NLU, TODO intents) and .csv, and
                    reports/phrasings-todo-<until>.yml (draft content/phrasings.yml entries for what was not found)

The tracker store is TRACKER_STORE_URL (a SQLAlchemy URL), default sqlite:///var/data/conversations.db.
Dates are YYYY-MM-DD, both included; default: the last 30 days up to today.
"""
import argparse
import json
import sys
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, Dict, List, Optional

from insights import export, render
from insights.conversations import conversations
from insights.metrics import compute
from insights.store import load_events, missing_sqlite_file, safe_url, store_url


def _timezone(name: str) -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # no tz database on this machine
        from datetime import timezone

        print(f"Time zone {name} unknown here; using UTC.", file=sys.stderr)
        return timezone.utc


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}")


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m insights", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["report", "export-unanswered"])
    parser.add_argument("--since", type=_date, help="first day (default: 29 days before --until)")
    parser.add_argument("--until", type=_date, help="last day (default: today)")
    parser.add_argument("--url", help="SQLAlchemy URL of the tracker store (default: $TRACKER_STORE_URL)")
    parser.add_argument("--out-dir", type=Path, default=Path("reports"))
    parser.add_argument("--timezone", default="Europe/Stockholm", help="days are counted in this time zone")
    args = parser.parse_args(argv)
    args.tz = _timezone(args.timezone)
    args.until = args.until or datetime.now(args.tz).date()
    args.since = args.since or args.until - timedelta(days=29)
    if args.since > args.until:
        parser.error(f"--since {args.since} is after --until {args.until}")
    return args


def build_report(url: str, since: date, until: date, tz: tzinfo) -> Dict[str, Any]:
    start = datetime.combine(since, time.min, tz).timestamp()
    end = datetime.combine(until + timedelta(days=1), time.min, tz).timestamp()
    return compute(conversations(load_events(url, start, end)), since, until, tz)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _drafts(unanswered: List[Dict[str, Any]], since: str, until: str) -> str:
    """The draft phrasings need the content and its search (the assistant's own code); a report is still made
    when they cannot be loaded."""
    try:
        from insights.phrasings import draft_phrasings

        return draft_phrasings(unanswered, since, until)
    except (Exception, SystemExit) as error:  # content/ does not validate: the action package exits on import
        print(f"No draft phrasings: the content could not be loaded ({error}); run make check-content.",
              file=sys.stderr)
        return "# No draft phrasings: the content could not be loaded. Run make check-content.\nphrasings: []\n"


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    url = store_url(args.url)
    source = safe_url(url)
    try:
        report = build_report(url, args.since, args.until, args.tz)
    except Exception as error:  # the database is down, the URL is wrong, a driver is missing ...
        print(f"Could not read the tracker store {source}: {error}", file=sys.stderr)
        return 1
    report["source"] = source
    report["generated_at"] = datetime.now(args.tz).isoformat(timespec="seconds")
    since, until = args.since.isoformat(), args.until.isoformat()

    if report["empty"]:
        missing = missing_sqlite_file(url)
        where = f"no tracker store at {missing} yet" if missing else source
        print(f"There were no conversations between {since} and {until} ({where}).")
    else:
        totals = report["totals"]
        print(f"{totals['conversations']} conversations, {totals['messages']} visitor messages, "
              f"{totals['fallback'] + totals['out_of_scope']} unanswered, {totals['feedback_down']} thumbs down, "
              f"{totals['human_contact']} given the contact centre "
              f"({since} to {until}).")
        print("Outcomes: " + ", ".join(f"{name} {count}" for name, count in report["outcomes"]["counts"].items()))
    written = []
    if args.command == "report":
        written.append(_write(args.out_dir / f"report-{until}.html", render.render(report, source)))
        written.append(_write(args.out_dir / f"report-{until}.json",
                              json.dumps(report, ensure_ascii=False, indent=2) + "\n"))
    written.append(_write(args.out_dir / f"unanswered-{until}.yml", export.nlu_yaml(report["unanswered"], since, until)))
    written.append(_write(args.out_dir / f"unanswered-{until}.csv", export.unanswered_csv(report["unanswered"])))
    written.append(_write(args.out_dir / f"phrasings-todo-{until}.yml", _drafts(report["unanswered"], since, until)))
    for path in written:
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
