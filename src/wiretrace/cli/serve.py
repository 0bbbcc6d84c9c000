"""``wiretrace serve``: the web workspace and JSON API over a corpus database (:mod:`wiretrace.serve`)."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import click

from wiretrace.cli.corpus import db_option

__all__ = ["COMMANDS"]


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-write", is_flag=True, help="Let the Analyze page store articles in the database.")
@click.option(
    "--max-upload",
    type=click.IntRange(min=1024),
    default=5_000_000,
    show_default=True,
    metavar="BYTES",
    help="Largest request body (an upload or pasted text) accepted.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Server processes answering requests [default: the CPU cores, at most 4].",
)
def serve(*, db: str, host: str, port: int, allow_write: bool, max_upload: int, workers: int | None) -> None:
    """Open the corpus in a browser: search, articles, speakers, stories, disputes, claim checks.

    Read-only and on this machine only (127.0.0.1) unless told otherwise.
    """
    try:
        import uvicorn  # noqa: PLC0415 - keeps `--help` fast

        from wiretrace.serve import ServeConfig, create_app  # noqa: PLC0415
        from wiretrace.serve.app import config_to_environment  # noqa: PLC0415
        from wiretrace.serve.processes import port_in_use, reuse_port_supported, run_processes  # noqa: PLC0415
    except ImportError as err:
        click.echo(f"wiretrace serve: {err.name} is missing — install wiretrace with its web dependencies", err=True)
        sys.exit(1)
    from wiretrace.errors import WiretraceError  # noqa: PLC0415

    if workers is None:
        workers = 1 if port == 0 else max(1, min(4, os.cpu_count() or 1))
    config = ServeConfig(db=db, allow_write=allow_write, host=host, max_upload=max_upload)
    try:
        app = create_app(config if workers == 1 else replace(config, warm=False))  # workers build their own
    except WiretraceError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    shown = f"[{host}]" if ":" in host else host
    mode = "writes allowed" if allow_write else "read-only"
    procs = f", {workers} processes" if workers > 1 else ""
    click.echo(f"wiretrace serve: {db} ({mode}{procs}) at http://{shown}:{port}/ — Ctrl-C stops it", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"wiretrace serve: listening on {host}: anyone who can reach this machine can read the corpus", err=True
        )
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    # Several processes (SQLite reads in parallel, one Python interpreter each), each building
    # the application from the config this process checked above. On Linux each listens on its
    # own socket, so that the kernel spreads the connections (wiretrace.serve.processes);
    # elsewhere uvicorn's workers share one.
    app.state.corpus.close()
    config_to_environment(config)
    if reuse_port_supported():
        busy = port_in_use(host, port)
        if busy is not None:
            click.echo(f"wiretrace serve: cannot listen on {shown}:{port} ({busy}) — choose another --port", err=True)
            sys.exit(1)
        sys.exit(run_processes(host, port, workers, log_level="warning", server_header=False))
    uvicorn.run(
        "wiretrace.serve.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
    )


COMMANDS = (serve,)
