"""Command line: click turns arguments into plain option objects; the work happens elsewhere."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from traingate import __version__, exitcodes


def _color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="traingate")
def cli() -> None:
    """A gate for LLM training data: strict JSONL, training formats, content policies."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config", type=click.Path(), help="Config file (default: discovered).")
@click.option("--format", "format_", help="Training-data format of every file (see `formats`).")
@click.option("--target", help="Provider limit profile, e.g. openai, bedrock, vertex.")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How findings are reported.",
)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning"]), help="Lowest blocking severity."
)
@click.option("-q", "--quiet", is_flag=True, help="Report only blocking findings.")
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
def check(
    paths: tuple[str, ...],
    config: str | None,
    format_: str | None,
    target: str | None,
    output_format: str,
    fail_on: str | None,
    quiet: bool,
    color: str,
) -> int:
    """Check training files (or directories, walked by the config's globs)."""
    from traingate.run import CheckOptions, run_check

    options = CheckOptions(
        paths=paths,
        config=config,
        format=format_,
        target=target,
        output_format=output_format,
        fail_on=fail_on,
        quiet=quiet,
        color=_color(color),
    )
    return run_check(options)


@cli.command()
def formats() -> int:
    """List the training-data formats traingate knows."""
    from traingate.formats.registry import FORMATS

    width = max(len(name) for name in FORMATS)
    for fmt in FORMATS.values():
        click.echo(f"{fmt.name:<{width}}  {fmt.summary}")
    return exitcodes.CLEAN


@cli.command()
def rules() -> int:
    """List every rule id with a one-line summary."""
    from traingate.rules.registry import RULES

    width = max(len(rule_id) for rule_id in RULES)
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        click.echo(f"{rule.id:<{width}}  {rule.severity.label:<7}  {rule.summary}")
    return exitcodes.CLEAN


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> int:
    """Print the full documentation of one rule."""
    import difflib

    from traingate.rules.registry import RULES

    rule = RULES.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, RULES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        click.echo(f"traingate: unknown rule {rule_id!r}{hint}", err=True)
        return exitcodes.USAGE
    click.echo(f"# {rule.id}\n\n{rule.summary}\n\nScope: {rule.scope.value}. ", nl=False)
    click.echo(f"Default severity: {rule.severity.label}.\n\n{rule.doc}")
    return exitcodes.CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit code instead of exiting, so tests can call it."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exitcodes.USAGE
    except click.Abort:
        click.echo("traingate: aborted", err=True)
        return exitcodes.UNREADABLE
    except BrokenPipeError:
        return exitcodes.UNREADABLE
    except Exception as exc:  # a crash must never look like a pass
        traceback.print_exc()
        click.echo(f"traingate: internal error: {type(exc).__name__}: {exc}", err=True)
        return exitcodes.UNREADABLE
    return int(result) if isinstance(result, int) else exitcodes.CLEAN
