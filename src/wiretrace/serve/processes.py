"""Several server processes on one port, each listening on a socket of its own.

uvicorn's ``--workers`` shares one listening socket between its processes, and whichever process
wakes first accepts every connection waiting: 20 clients keeping their connections open landed
17, 20 and 20 of 20 on one of two processes in three tries, so one core answered while the other
idled. On Linux, each process here binds its own socket to the port with ``SO_REUSEPORT`` and the
kernel spreads new connections across them (by a hash of the client's address and port).
Elsewhere :func:`reuse_port_supported` is false and the caller keeps uvicorn's own workers.

The parent only watches: a process that stops is started again, unless it stopped because the
application could not start (then every start would fail the same way) or processes keep dying
(:data:`RESTARTS` in :data:`RESTART_WINDOW` seconds); Ctrl-C or SIGTERM stops them all, and a
process ends with its parent however the parent ends.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import time
from multiprocessing.process import BaseProcess
from typing import Any

__all__ = ["port_in_use", "reuse_port_supported", "run_processes"]

log = logging.getLogger("wiretrace.serve")

STARTUP_FAILURE = 3  # uvicorn's exit code when the application fails to start
RESTARTS = 10  # processes that may die and be started again within RESTART_WINDOW seconds
RESTART_WINDOW = 60.0
_FACTORY = "wiretrace.serve.app:app_from_environment"
_PR_SET_PDEATHSIG = 1  # prctl(2)


def reuse_port_supported() -> bool:
    """Whether the kernel spreads connections across sockets sharing a port (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bound(host: str, port: int, *, reuse_port: bool) -> list[socket.socket]:
    """A socket bound to each address ``host`` names ("localhost": 127.0.0.1 and ::1, as uvicorn
    listens on both); an address this machine lacks (no IPv6) is skipped, and the first error is
    raised when none could be bound."""
    bound: list[socket.socket] = []
    failed: list[OSError] = []
    seen: set[tuple[int, Any]] = set()
    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        if (family, address) in seen:
            continue
        seen.add((family, address))
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuse_port:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)  # as asyncio does
            sock.bind(address)
        except OSError as err:
            sock.close()
            if err.errno == errno.EADDRINUSE:
                for other in bound:
                    other.close()
                raise
            failed.append(err)
            continue
        bound.append(sock)
    if not bound:
        raise failed[0] if failed else OSError(errno.EADDRNOTAVAIL, f"no address for {host}")
    return bound


def port_in_use(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, or None. Bound once without ``SO_REUSEPORT`` and
    closed: that bind fails where any process listens — another wiretrace serve too, whose
    processes would otherwise share their connections with ours."""
    try:
        for sock in _bound(host, port, reuse_port=False):
            sock.close()
    except OSError as err:
        return err.strerror or str(err)
    return None


def _end_with_parent(parent: int) -> None:
    """Ask Linux to stop this process when its parent dies, however it dies (``kill -9``
    included): a server process left behind would keep answering on the port."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


def _process(host: str, port: int, options: dict[str, Any], parent: int) -> None:
    """One server process: its own socket on the shared port, the application from the parent's
    configuration (:func:`wiretrace.serve.app.app_from_environment`)."""
    import uvicorn  # noqa: PLC0415 - in the child only

    _end_with_parent(parent)
    try:
        sockets = _bound(host, port, reuse_port=True)
    except OSError as err:  # taken since the parent looked: every start would fail the same way
        print(f"wiretrace serve: cannot listen on {host}:{port} ({err.strerror or err})", file=sys.stderr)
        sys.exit(STARTUP_FAILURE)
    config = uvicorn.Config(_FACTORY, factory=True, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=sockets)


def run_processes(host: str, port: int, workers: int, **options: Any) -> int:
    """Serve on ``host:port`` with ``workers`` processes until Ctrl-C or SIGTERM; the exit status.
    ``options`` go to ``uvicorn.Config`` (``log_level``, ``server_header``…). The application's
    configuration must be in the environment (:func:`wiretrace.serve.app.config_to_environment`)."""
    spawn = multiprocessing.get_context("spawn")

    def start() -> BaseProcess:
        process = spawn.Process(target=_process, args=(host, port, options, os.getpid()), name="wiretrace-serve")
        process.start()
        return process

    stop: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _: stop.append(signum)) for sig in _STOP_SIGNALS}
    processes = [start() for _ in range(workers)]
    deaths: list[float] = []
    try:
        while not stop:
            multiprocessing.connection.wait([p.sentinel for p in processes], timeout=0.5)
            for i, process in enumerate(processes):
                if process.is_alive() or stop:
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    log.error("wiretrace serve: the application did not start; stopping")
                    return STARTUP_FAILURE
                now = time.monotonic()
                deaths = [t for t in deaths if now - t < RESTART_WINDOW] + [now]
                if len(deaths) > RESTARTS:
                    log.error("wiretrace serve: %d server processes died within a minute; stopping", len(deaths))
                    return 1
                log.warning(
                    "wiretrace serve: server process %s ended (exit %s); starting another",
                    process.pid,
                    process.exitcode,
                )
                processes[i] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests under way
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


_STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM) if s is not None)
