"""A throwaway PostgreSQL server for tests: initdb into a temp dir, listen on 127.0.0.1 only, remove on stop.

No pytest in here (the fixtures live in tests/conftest.py), so a script can use it too::

    with PostgresServer() as server:
        url = server.create_database()      # postgresql://postgres@127.0.0.1:PORT/test_1_ab12cd34

Binaries come from PATH, else the newest /usr/lib/postgresql/*/bin (Debian's layout). initdb refuses
to run as root, so as root every server command runs as the ``postgres`` system user (created by
Debian's postgresql package) and the temp dir is handed to that user. The temp dir is in /dev/shm when it
has room (initdb is twice as fast in RAM). A watchdog process removes server and dir if the test process
dies without stop() (SIGKILL, `timeout`).
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVICE_USER = "postgres"
SUPERUSER = "postgres"
SHM_DIR = "/dev/shm"
SHM_MIN_FREE = 2 << 30  # Docker's default 64 MB /dev/shm would fill after a few databases: use disk then

#: Durability off, enough connections for a test suite, quiet log.
TEST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "64MB",
    "max_wal_size": "256MB",  # the data dir may be in RAM; checkpoints are cheap with fsync off
    "checkpoint_timeout": "30min",
    "log_min_messages": "warning",
    "timezone": "UTC",
}


#: Run by _start_watchdog: EOF without "done" means the owning process died, so clean up after it.
WATCHDOG = """
import os, shutil, subprocess, sys
pg_ctl, data, root, uid, gid = sys.argv[1:6]
if sys.stdin.read() != "done":
    user = {} if uid == "-1" else {"user": int(uid), "group": int(gid), "extra_groups": []}
    if os.path.exists(os.path.join(data, "postmaster.pid")):
        subprocess.run([pg_ctl, "stop", "-D", data, "-m", "immediate", "-w", "-t", "30"], cwd=root,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **user)
    shutil.rmtree(root, ignore_errors=True)
"""


class PostgresNotFound(RuntimeError):
    """No initdb/pg_ctl/postgres on this machine."""


class PostgresError(RuntimeError):
    """initdb or pg_ctl failed; the message carries their output and the server log."""


def _is_bindir(directory: Path) -> bool:
    return all(os.access(directory / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres"))


def _version_key(directory: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin → (15,); "9.6" → (9, 6); non-numeric sorts first
    return tuple(int(part) for part in re.findall(r"\d+", directory.parent.name)) or (-1,)


def find_bindir() -> Path:
    """The directory holding initdb, pg_ctl and postgres: PATH first, then the newest Debian install."""
    on_path = shutil.which("initdb")
    if on_path:
        # /usr/local/bin/initdb may be a lone symlink: use the directory it points into
        for candidate in (Path(on_path).resolve().parent, Path(on_path).parent):
            if _is_bindir(candidate):
                return candidate
    installed = sorted((p for p in map(Path, glob.glob(DEBIAN_BIN_GLOB)) if _is_bindir(p)), key=_version_key)
    if installed:
        return installed[-1]
    raise PostgresNotFound("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH "
                           f"or in {DEBIAN_BIN_GLOB}")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the server retries with another if it is taken in between)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One PostgreSQL server in a temp dir. ``start()`` (or ``with``) brings it up, ``stop()`` removes it all."""

    def __init__(self, bindir: str | Path | None = None, settings: dict[str, str] | None = None,
                 start_timeout: float = 60.0) -> None:
        self.bindir = Path(bindir) if bindir else find_bindir()
        self.settings = {**TEST_SETTINGS, **(settings or {})}
        self.start_timeout = start_timeout
        self.port = 0
        self.root: Path | None = None
        self.started_in = 0.0  # seconds for initdb + start, for the curious
        self._counter = itertools.count(1)
        self._run_as: pwd.struct_passwd | None = None
        self._owner = os.getpid()
        self._watchdog: subprocess.Popen[str] | None = None

    # ---- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> PostgresServer:
        if self.root is not None:
            return self
        began = time.perf_counter()
        self._run_as = _service_user() if os.geteuid() == 0 else None
        self.root = self._make_root()
        self._owner = os.getpid()
        atexit.register(self.stop)
        self._watchdog = self._start_watchdog()
        try:
            self._initdb()
            for attempt in range(5):  # the free port can be taken between free_port() and the bind
                self.port = free_port()
                self._write_settings()
                try:
                    self._pg_ctl("start", "-w", "-t", str(int(self.start_timeout)), "-l", str(self.logfile))
                    break
                except PostgresError:
                    if attempt == 4 or "Address already in use" not in self.log():
                        raise
        except BaseException:
            self.stop()
            raise
        self.started_in = time.perf_counter() - began
        return self

    def stop(self) -> None:
        """Kill the server (-m immediate: nothing to keep) and delete its directory. Safe to call twice.

        A no-op in a forked child (multiprocessing): only the process that started the server stops it."""
        if self.root is None or os.getpid() != self._owner:
            return
        root, self.root = self.root, None
        atexit.unregister(self.stop)
        data = root / "data"
        if (data / "postmaster.pid").exists():
            self._run([self.bindir / "pg_ctl", "stop", "-D", data, "-m", "immediate", "-w", "-t", "30"],
                      cwd=root, check=False)
        shutil.rmtree(root, ignore_errors=True)
        watchdog, self._watchdog = self._watchdog, None
        if watchdog and watchdog.stdin:
            try:
                watchdog.stdin.write("done")
                watchdog.stdin.close()
                watchdog.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- use -------------------------------------------------------------------------------------------------

    @property
    def datadir(self) -> Path:
        return self._root() / "data"

    @property
    def logfile(self) -> Path:
        return self._root() / "server.log"

    @property
    def socket_dir(self) -> Path:
        return self._root()

    def dsn(self, dbname: str = "postgres") -> str:
        """``postgresql://postgres@127.0.0.1:PORT/dbname`` (trust auth: no password)."""
        self._root()
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{quote(dbname, safe='')}"

    def connect(self, dbname: str = "postgres", **kwargs: Any) -> Any:
        """A psycopg connection (autocommit unless told otherwise)."""
        import psycopg

        kwargs.setdefault("autocommit", True)
        return psycopg.connect(self.dsn(dbname), **kwargs)

    def create_database(self, name: str | None = None, template: str | None = None) -> str:
        """CREATE DATABASE (a fresh unique name unless given; from ``template`` if given) and return its URL."""
        from psycopg import sql

        name = name or f"test_{next(self._counter)}_{uuid.uuid4().hex[:8]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        with self.connect() as conn:
            if conn.info.server_version >= 150000:
                # 15's default (WAL_LOG) writes the whole template to WAL: ~0.25 s vs ~0.015 s here (fsync off)
                statement = sql.SQL("{} STRATEGY FILE_COPY").format(statement)
            conn.execute(statement)
        return self.dsn(name)

    def drop_database(self, name: str) -> None:
        """DROP DATABASE, closing any connection still open to it (PostgreSQL 13+: WITH (FORCE))."""
        from psycopg import sql

        with self.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def log(self) -> str:
        """The server log so far (for failure messages)."""
        try:
            return self.logfile.read_text(errors="replace")
        except (OSError, PostgresError):
            return ""

    # ---- internals -------------------------------------------------------------------------------------------

    def _root(self) -> Path:
        if self.root is None:
            raise PostgresError("the server is not running: call start() first")
        return self.root

    def _make_root(self) -> Path:
        base = _base_dir(self._run_as is not None)
        root = Path(tempfile.mkdtemp(prefix="dossier-pg-", dir=base))
        if self._run_as:
            os.chown(root, self._run_as.pw_uid, self._run_as.pw_gid)
        return root

    def _start_watchdog(self) -> subprocess.Popen[str]:
        """A helper process that stops the server and removes its directory if this process dies without
        calling stop() (SIGKILL, `timeout`'s SIGTERM): it waits for EOF on a pipe only this process holds."""
        user = (str(self._run_as.pw_uid), str(self._run_as.pw_gid)) if self._run_as else ("-1", "-1")
        return subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, str(self.bindir / "pg_ctl"), str(self.datadir), str(self._root()), *user],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True, env=_clean_env(), cwd="/")

    def _initdb(self) -> None:
        base: list[str | Path] = [self.bindir / "initdb", "-D", self.datadir, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                "--no-sync"]
        # C.UTF-8 character classes (lower()/upper() beyond ASCII), C collation (byte order: fast, stable).
        try:
            self._run([*base, "--locale=C.UTF-8", "--lc-collate=C"], cwd=self._root())
        except PostgresError as error:
            if "locale" not in str(error).lower():
                raise
            shutil.rmtree(self.datadir, ignore_errors=True)
            self._run([*base, "--locale=C"], cwd=self._root())

    def _write_settings(self) -> None:
        settings = {
            **self.settings,
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
        }
        # postgresql.auto.conf is read last, so these win over postgresql.conf; rewritten on a port retry.
        auto = self.datadir / "postgresql.auto.conf"
        auto.write_text("".join(f"{key} = {value}\n" for key, value in settings.items()))
        if self._run_as:
            os.chown(auto, self._run_as.pw_uid, self._run_as.pw_gid)

    def _pg_ctl(self, *args: str) -> None:
        try:
            self._run([self.bindir / "pg_ctl", "-D", self.datadir, *args], cwd=self._root())
        except PostgresError as error:
            raise PostgresError(f"{error}\n--- server log ---\n{self.log()[-4000:]}") from None

    def _run(self, command: Sequence[str | Path], cwd: Path, check: bool = True) -> None:
        env = _clean_env()
        extra: dict[str, Any] = {}
        if self._run_as:
            extra = {"user": self._run_as.pw_uid, "group": self._run_as.pw_gid, "extra_groups": []}
            env.update(HOME=self._run_as.pw_dir, USER=self._run_as.pw_name, LOGNAME=self._run_as.pw_name)
        result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                timeout=self.start_timeout + 30, **extra)
        if check and result.returncode != 0:
            raise PostgresError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n{result.stdout}")


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}  # no stray PGDATA/PGPORT
    env["LC_ALL"] = "C"  # English messages; the cluster locale is given explicitly
    return env


def _service_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise PostgresError(f"running as root, but there is no {SERVICE_USER!r} system user to run PostgreSQL as "
                            "(initdb refuses root); apt-get install postgresql creates it") from None


def _base_dir(other_user: bool) -> str:
    """Where the temp dir goes: RAM (/dev/shm) when it has room — initdb takes half the time there — else the
    temp dir. Short paths only: the unix socket (root/.s.PGSQL.PORT) must fit in ~107 bytes."""
    candidates = [SHM_DIR, tempfile.gettempdir(), "/tmp"]
    for base in candidates:
        try:
            roomy = base != SHM_DIR or shutil.disk_usage(base).free >= SHM_MIN_FREE
        except OSError:
            continue
        if (roomy and len(base) <= 60 and os.path.isdir(base) and os.access(base, os.W_OK | os.X_OK)
                and (not other_user or _world_traversable(Path(base)))):
            return base
    return tempfile.gettempdir()


def _world_traversable(path: Path) -> bool:
    """Can another user reach a directory inside ``path``? (every ancestor has o+x)"""
    for part in (path, *path.parents):
        try:
            if not part.stat().st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


if __name__ == "__main__":  # quick manual check: python tests/pgserver.py
    started = time.perf_counter()
    with PostgresServer() as server:
        print(f"started in {server.started_in:.2f}s on port {server.port} ({server.bindir})")
        t = time.perf_counter()
        url = server.create_database()
        print(f"CREATE DATABASE {time.perf_counter() - t:.3f}s → {url}")
    print(f"total with stop {time.perf_counter() - started:.2f}s")
