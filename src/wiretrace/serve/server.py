"""A server in a background thread, for tests, benchmarks and notebooks: ``with Background(app) as url: …``."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

__all__ = ["Background", "free_port"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the main thread keeps its own Ctrl-C
        return None


class Background:
    """Serve ``app`` on ``host:port`` (a free port when 0) in a daemon thread until the block ends."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0, timeout: float = 30.0) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.timeout = timeout
        config = uvicorn.Config(
            app, host=host, port=self.port, log_level="warning", lifespan="off", server_header=False
        )
        self.server = _Server(config)
        self.thread = threading.Thread(target=self.server.run, name="wiretrace-serve", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + self.timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start on {self.url}")
            time.sleep(0.02)
        return self.url

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=self.timeout)
