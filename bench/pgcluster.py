"""A throwaway PostgreSQL cluster for the benchmarks (initdb + pg_ctl on a free port).

Run as root, the server runs as the ``postgres`` user (PostgreSQL refuses root). Durability is
switched off (fsync, synchronous commit, full-page writes): the cluster lives for one run. Stopped
and removed on exit, whatever happens.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote


def pg_bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise SystemExit(f"PostgreSQL binary {name} not found (install Debian's postgresql package)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayPostgres:
    """``with ThrowawayPostgres() as pg: ... pg.url``"""

    def __init__(self, *, prefix: str = "pg-bench-", max_connections: int = 100) -> None:
        self.root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix=prefix))
        self.data = self.dir / "data"
        self.port = free_port()
        self.max_connections = max_connections
        self.started = False

    def _run(self, args: list[str]) -> None:
        if self.root:
            args = ["runuser", "-u", "postgres", "--", *args]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> ThrowawayPostgres:
        try:
            if self.root:
                shutil.chown(self.dir, "postgres", "postgres")
            initdb = [pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            self._run([*initdb, "--locale=C.UTF-8"])
            options = (
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                f"-c max_connections={self.max_connections} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            self._run(
                [pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start"]
            )
            self.started = True
        except BaseException:
            self.__exit__()
            raise
        return self

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def socket_url(self) -> str:
        """The same database through the cluster's Unix socket (in its temporary directory)."""
        return f"postgres://postgres@{quote(str(self.dir), safe='')}:{self.port}/postgres"

    @property
    def postmaster_pid(self) -> int:
        """The server's main process (its backends are its children)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def __exit__(self, *exc) -> None:
        try:
            if self.started:
                self._run([pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
