"""``wiretrace serve``: the web workspace and JSON API over a corpus database (:mod:`wiretrace.serve`)."""

from __future__ import annotations

import sys

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
def serve(*, db: str, host: str, port: int, allow_write: bool, max_upload: int) -> None:
    """Open the corpus in a browser: search, articles, speakers, stories, disputes, claim checks.

    Read-only and on this machine only (127.0.0.1) unless told otherwise.
    """
    try:
        import uvicorn  # noqa: PLC0415 - keeps `--help` fast

        from wiretrace.serve import ServeConfig, create_app  # noqa: PLC0415
    except ImportError as err:
        click.echo(f"wiretrace serve: {err.name} is missing — install wiretrace with its web dependencies", err=True)
        sys.exit(1)
    from wiretrace.errors import WiretraceError  # noqa: PLC0415

    try:
        app = create_app(ServeConfig(db=db, allow_write=allow_write, host=host, max_upload=max_upload))
    except WiretraceError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    shown = f"[{host}]" if ":" in host else host
    mode = "writes allowed" if allow_write else "read-only"
    click.echo(f"wiretrace serve: {db} ({mode}) at http://{shown}:{port}/ — Ctrl-C stops it", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"wiretrace serve: listening on {host}: anyone who can reach this machine can read the corpus", err=True
        )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = (serve,)
