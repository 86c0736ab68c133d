"""Finds the processes scripts/serve.sh started (Linux /proc), to kill the Rasa server alone or count workers."""
import os
from pathlib import Path
from typing import List, Tuple


def group_processes(pgid: int) -> List[Tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process in the process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            pid = int(entry.name)
            if os.getpgid(pid) != pgid:
                continue
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ProcessLookupError, ValueError, IndexError):
            continue
        found.append((pid, ppid, cmdline))
    return found


def rasa_server_processes(pgid: int) -> List[Tuple[int, int, str]]:
    """The Rasa server's processes (its main process, and its Sanic workers if any), not the action server."""
    return [p for p in group_processes(pgid)
            if " run " in f"{p[2]} " and ("rasa" in p[2] or "bot.cli" in p[2]) and " actions" not in p[2]]


def rasa_main_pid(pgid: int) -> int:
    processes = rasa_server_processes(pgid)
    pids = {pid for pid, _, _ in processes}
    main = [pid for pid, ppid, _ in processes if ppid not in pids]
    assert len(main) == 1, f"expected one Rasa server main process in group {pgid}, found {processes}"
    return main[0]
