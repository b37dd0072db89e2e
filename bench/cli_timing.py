"""Wall-clock time of `dossier` commands from the shell, against `python -c pass` in the same run.

In-process numbers (bench/ask.py's 41 ms) leave out what a user waits for: starting Python,
importing the CLI and what a command needs, opening the store. This runs the installed
`dossier` console script as a subprocess, each command ``--repeat`` times in turn (round-robin,
so drift on a shared machine hits every command alike), on a store it builds from
samples/articles in a temporary directory (or the one given with ``--db``), and prints the
median and minimum seconds per command, and the median over the interpreter floor.

Targets (median wall-clock on the demo store): ``--help`` < 0.2 s, ``search`` < 0.4 s,
``ask`` < 0.6 s; a miss exits 1.

    .venv/bin/python bench/cli_timing.py                 # build a store, 5 runs each
    .venv/bin/python bench/cli_timing.py --db dossier.db --repeat 9
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "articles"
DOSSIER = str(Path(sys.executable).with_name("dossier"))
TARGETS = {"dossier --help": 0.2, "dossier search": 0.4, "dossier ask": 0.6}  # median seconds


def commands(db: str) -> list[tuple[str, list[str]]]:
    """(label, argv) of each command timed; the first is the interpreter floor."""
    first_id = _run([DOSSIER, "docs", "--limit", "1", "--db", db]).split()[0]
    timeline = ["timeline"]
    if "--limit" in _run([DOSSIER, "timeline", "--help"]):
        timeline += ["--limit", "5"]
    return [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("dossier --help", [DOSSIER, "--help"]),
        ("dossier docs", [DOSSIER, "docs", "--db", db]),
        ("dossier search", [DOSSIER, "search", '"al-Qaeda" Taliban', "--db", db]),
        ("dossier entities", [DOSSIER, "entities", "--limit", "8", "--db", db]),
        ("dossier show", [DOSSIER, "show", first_id, "--db", db]),
        ("dossier ask", [DOSSIER, "ask", "Does the Taliban still support al-Qaeda?", "--db", db]),
        ("dossier claims", [DOSSIER, "claims", "--db", db]),
        ("dossier timeline", [DOSSIER, *timeline, "--db", db]),
        ("dossier stats", [DOSSIER, "stats", "--db", db]),
    ]


def _run(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, env=_env(), check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DOSSIER_DB", None)  # every command names its store
    env["COLUMNS"] = "120"
    return env


def time_commands(cmds: list[tuple[str, list[str]]], *, repeat: int) -> dict[str, list[float]]:
    """Seconds per run of each command; one warm-up run each first (file cache, .pyc files)."""
    env = _env()
    times: dict[str, list[float]] = {label: [] for label, _ in cmds}
    for round_ in range(repeat + 1):
        for label, argv in cmds:
            t0 = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
            elapsed = time.perf_counter() - t0
            if done.returncode != 0:
                raise SystemExit(f"{label} failed ({done.returncode}): {done.stderr.decode(errors='replace').strip()}")
            if round_:
                times[label].append(elapsed)
    return times


def table(times: dict[str, list[float]]) -> str:
    floor = statistics.median(times["python -c pass"])
    lines = ["| command | median s | min s | median − floor s | target s |", "|---|---|---|---|---|"]
    for label, runs in times.items():
        median = statistics.median(runs)
        target = f"< {TARGETS[label]}" if label in TARGETS else ""
        over = "(floor)" if label == "python -c pass" else f"{median - floor:.3f}"
        lines.append(f"| `{label}` | {median:.3f} | {min(runs):.3f} | {over} | {target} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="time on this store instead of one built from samples/articles")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--json", action="store_true", help="print every run's seconds as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = str(Path(tmp) / "demo.db")
            print(f"building {db} from {SAMPLES} …", file=sys.stderr)
            _run([DOSSIER, "ingest", str(SAMPLES), "--db", db, "--quiet"])
        times = time_commands(commands(db), repeat=args.repeat)
    if args.json:
        print(json.dumps(times, indent=2))
    else:
        print(f"{args.repeat} runs each, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        print(table(times))
    missed = [label for label, limit in TARGETS.items() if statistics.median(times[label]) >= limit]
    for label in missed:
        print(f"target missed: {label} median {statistics.median(times[label]):.3f} s >= {TARGETS[label]} s",
              file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
