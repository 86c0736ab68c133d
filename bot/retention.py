"""Deletes old conversations from the tracker store (GDPR data minimisation; docs/security.md).

    python -m bot.retention purge [--days N] [--dry-run] [--url SQLALCHEMY_URL]
    python -m bot.retention purge --id CONVERSATION_ID [--dry-run] [--url SQLALCHEMY_URL]

A conversation (all events of one sender_id) is deleted when its latest event is older than N days
(default: env RETENTION_DAYS, else 30), or, with --id, at once (a visitor's deletion request: the widget shows
the conversation id, which is the sender_id). The database is the SQLAlchemy URL in --url, else env TRACKER_STORE_URL,
else sqlite:///$TRACKER_SQLITE_PATH (scripts/profile-env.sh), else sqlite:///var/data/conversations.db; for the
scale-out profile e.g. postgresql://vaxjo_assistant@127.0.0.1:5432/vaxjo_assistant. The table is Rasa's
SQLTrackerStore `events` (sender_id, timestamp in seconds since the epoch, ...). Deleted SQLite pages are
overwritten (secure_delete), so the text does not linger in the file.
"""
import argparse
import os
import sys
import time
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy as sa

SNAPSHOT_TABLE = "tracker_snapshots"  # bot/tracker_store.py's (not imported: this module runs without Rasa)

DEFAULT_DAYS = 30
DEFAULT_URL = "sqlite:///var/data/conversations.db"


@dataclass
class PurgeResult:
    conversations: int
    events: int
    cutoff: float
    dry_run: bool
    conversation: Optional[str] = None  # the one conversation asked for (--id), else None


def default_url() -> str:
    if os.environ.get("TRACKER_STORE_URL"):
        return os.environ["TRACKER_STORE_URL"]
    if os.environ.get("TRACKER_SQLITE_PATH"):
        return "sqlite:///" + os.environ["TRACKER_SQLITE_PATH"]
    return DEFAULT_URL


def default_days() -> float:
    value = os.environ.get("RETENTION_DAYS") or DEFAULT_DAYS
    return float(value)


def purge(url: Optional[str] = None, days: Optional[float] = None, dry_run: bool = False,
          now: Optional[float] = None, conversation: Optional[str] = None) -> PurgeResult:
    """Deletes every event of the conversations whose latest event is older than `days` days, or of the one
    conversation whose id (sender_id) is `conversation`, whatever its age."""
    days = default_days() if days is None else float(days)
    if days < 0:
        raise ValueError(f"days must be >= 0, not {days}")
    if conversation is not None and not conversation.strip():
        raise ValueError("the conversation id is empty")
    cutoff = (time.time() if now is None else now) - days * 86400
    nothing = PurgeResult(0, 0, cutoff, dry_run, conversation)
    parsed = sa.engine.make_url(url or default_url())
    if parsed.get_backend_name() == "sqlite" and parsed.database and not os.path.exists(parsed.database):
        return nothing  # no conversations yet; do not create the file
    engine = sa.create_engine(parsed)
    try:
        if not sa.inspect(engine).has_table("events"):
            return nothing
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
        if conversation is not None:
            chosen = sa.select(events.c.sender_id).where(events.c.sender_id == conversation).distinct()
        else:
            chosen = (sa.select(events.c.sender_id).group_by(events.c.sender_id)
                      .having(sa.func.max(events.c.timestamp) < cutoff))
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA secure_delete = ON")
            senders: List[str] = [row[0] for row in connection.execute(chosen)]
            in_chosen = events.c.sender_id.in_(chosen.subquery().select())
            count = connection.execute(
                sa.select(sa.func.count()).select_from(events).where(in_chosen)).scalar_one() if senders else 0
            if senders and not dry_run:
                if sa.inspect(connection).has_table(SNAPSHOT_TABLE):  # the states bot/tracker_store.py restores
                    snapshots = sa.Table(SNAPSHOT_TABLE, sa.MetaData(), autoload_with=connection)
                    connection.execute(snapshots.delete().where(snapshots.c.sender_id.in_(chosen.subquery().select())))
                connection.execute(events.delete().where(in_chosen))
        return PurgeResult(len(senders), int(count), cutoff, dry_run, conversation)
    finally:
        engine.dispose()


def _safe_url(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(the configured database)"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.retention", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    purge_parser = commands.add_parser("purge", help="delete conversations older than --days days")
    purge_parser.add_argument("--days", type=float, default=None,
                              help=f"keep conversations active in the last N days (env RETENTION_DAYS, "
                                   f"default {DEFAULT_DAYS})")
    purge_parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    purge_parser.add_argument("--url", default=None, help="SQLAlchemy URL (env TRACKER_STORE_URL)")
    purge_parser.add_argument("--id", dest="conversation", default=None,
                              help="delete this one conversation (the id the chat widget shows), whatever its age")
    args = parser.parse_args(argv)
    url = args.url or default_url()
    try:
        result = purge(url, args.days, args.dry_run, conversation=args.conversation)
    except (ValueError, sa.exc.SQLAlchemyError) as problem:
        print(f"Purge failed on {_safe_url(url)}: {problem}", file=sys.stderr)
        return 1
    verb = "Would delete" if result.dry_run else "Deleted"
    if result.conversation is not None:
        if not result.conversations:
            print(f"No conversation with id {result.conversation!r} in {_safe_url(url)}; nothing deleted.",
                  file=sys.stderr)
            return 1
        print(f"{verb} conversation {result.conversation!r}, {result.events} event(s), from {_safe_url(url)}.")
        return 0
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(result.cutoff))
    print(f"{verb} {result.conversations} conversation(s), {result.events} event(s), inactive since before "
          f"{when}, from {_safe_url(url)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
