"""Command line: click turns arguments into plain option objects; the work happens elsewhere."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from traingate import __version__, exitcodes

if TYPE_CHECKING:
    from traingate.run import CheckOptions


def _color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="traingate")
def cli() -> None:
    """A gate for LLM training data: strict JSONL, training formats, content policies."""


def _check_options(func: Callable[..., int]) -> Callable[..., int]:
    """Options shared by the commands that run the checks."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--config", type=click.Path(), help="Config file (default: discovered)."),
        click.option("--format", "format_", help="Training-data format of every file."),
        click.option("--target", help="Provider limit profile, e.g. openai, bedrock, vertex."),
        click.option("--policy", "policies", multiple=True, help="Add a policy (repeatable)."),
        click.option(
            "--fail-on", type=click.Choice(["error", "warning"]), help="Lowest blocking severity."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


# Kept as literals so that `--help` does not import every reporter; a test checks that
# these match the reporter registry.
OUTPUT_FORMATS = ("text", "json", "github", "sarif", "junit")
REPORT_FILES = (
    ("--sarif", "sarif_path", "a SARIF 2.1.0 report"),
    ("--junit", "junit_path", "a JUnit XML report"),
    ("--json", "json_path", "the JSON report"),
)


def _report_file_options(func: Callable[..., int]) -> Callable[..., int]:
    """``--sarif FILE`` and friends: extra reports written alongside stdout's."""
    for flag, dest, what in reversed(REPORT_FILES):
        option = click.option(
            flag,
            dest,
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help=f"Also write {what} to FILE.",
        )
        func = option(func)
    return func


def _jobs_option(text: str) -> Callable[[Callable[..., int]], Callable[..., int]]:
    return click.option("-j", "--jobs", type=click.IntRange(min=1), help=text)


JOBS_HELP = "Worker processes for large files [default: the available cores]; 1 = no workers."


def _options(jobs: int | None, **fields: Any) -> CheckOptions:
    """The options of a command that runs the checks; ``--jobs`` defaults to the cores."""
    from traingate.run import CheckOptions
    from traingate.sharding import default_jobs

    return CheckOptions(jobs=jobs or default_jobs(), **fields)


@cli.command()
@_check_options
@click.option(
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS),
    help="How findings are reported on stdout [default: github inside GitHub Actions, else text].",
)
@_report_file_options
@click.option("-q", "--quiet", is_flag=True, help="Report only blocking findings.")
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option("--diff", "diff", metavar="BASE", help="Check what BASE...HEAD adds.")
@click.option(
    "--staged",
    is_flag=True,
    help="Check what the index adds to HEAD (under `pre-commit run --from-ref A --to-ref B`: "
    "what B, checked out, adds to A).",
)
@click.option(
    "--policy-from",
    type=click.Choice(["base", "worktree"]),
    default="base",
    show_default=True,
    help="Diff mode: read config, policies, waivers and baseline from the base or the worktree.",
)
@click.option("--strict-baseline", is_flag=True, help="Stale baseline entries are errors.")
@click.option("--no-baseline", is_flag=True, help="Ignore the baseline file.")
@_jobs_option(
    "Worker processes for large files, also in diff mode when the whole new file is read "
    "(a new file, or the dataset analyzers' context) [default: the available cores]; "
    "1 = no workers."
)
def check(
    paths: tuple[str, ...],
    config: str | None,
    format_: str | None,
    target: str | None,
    policies: tuple[str, ...],
    fail_on: str | None,
    output_format: str | None,
    sarif_path: str | None,
    junit_path: str | None,
    json_path: str | None,
    quiet: bool,
    color: str,
    diff: str | None,
    staged: bool,
    policy_from: str,
    strict_baseline: bool,
    no_baseline: bool,
    jobs: int | None,
) -> int:
    """Check training files (or directories, walked by the config's globs)."""
    from traingate.reporters.github import default_output_format
    from traingate.run import run_check

    if diff is not None and staged:
        raise click.UsageError("--diff and --staged cannot be combined")
    options = _options(
        jobs,
        paths=paths,
        config=config,
        format=format_,
        target=target,
        policies=policies,
        output_format=output_format or default_output_format(os.environ),
        sarif_path=sarif_path,
        junit_path=junit_path,
        json_path=json_path,
        fail_on=fail_on,
        quiet=quiet,
        color=_color(color),
        diff=diff,
        staged=staged,
        policy_from=policy_from,
        strict_baseline=strict_baseline,
        use_baseline=not no_baseline,
    )
    return run_check(options)


@cli.command()
@_check_options
@_jobs_option(JOBS_HELP)
def baseline(
    paths: tuple[str, ...],
    config: str | None,
    format_: str | None,
    target: str | None,
    policies: tuple[str, ...],
    fail_on: str | None,
    jobs: int | None,
) -> int:
    """Write every current finding into the baseline file, so that only new ones block."""
    from traingate.maintenance import run_baseline

    options = _options(
        jobs, paths=paths, config=config, format=format_, target=target, policies=policies
    )
    return run_baseline(options, sys.stdout, sys.stderr)


@cli.command("explain-waivers")
@click.option("--config", type=click.Path(), help="Config file (default: discovered).")
def explain_waivers(config: str | None) -> int:
    """List the config's waivers, their reasons and expiry (exit 1 if any expired)."""
    from traingate.maintenance import run_explain_waivers

    return run_explain_waivers(config, sys.stdout, sys.stderr)


@cli.command("filter")
@click.argument("source", type=click.Path())
@click.option("--keep", required=True, type=click.Path(), help="Where the passing lines go.")
@click.option("--reject", required=True, type=click.Path(), help="Where the failing lines go.")
@click.option("--config", type=click.Path(), help="Config file (default: discovered).")
@click.option("--format", "format_", help="Training-data format of the file.")
@click.option("--target", help="Provider limit profile.")
@click.option("--policy", "policies", multiple=True, help="Add a policy (repeatable).")
@click.option(
    "--fail-on", type=click.Choice(["error", "warning"]), help="Lowest rejected severity."
)
@_jobs_option(JOBS_HELP)
def filter_(
    source: str,
    keep: str,
    reject: str,
    config: str | None,
    format_: str | None,
    target: str | None,
    policies: tuple[str, ...],
    fail_on: str | None,
    jobs: int | None,
) -> int:
    """Split SOURCE into records that pass (--keep) and records that fail (--reject)."""
    from traingate.quarantine import run_filter

    options = _options(
        jobs, config=config, format=format_, target=target, policies=policies, fail_on=fail_on
    )
    return run_filter(options, source, keep, reject, sys.stdout, sys.stderr)


@cli.command("test")
@click.argument("policies", nargs=-1)
@click.option("--config", type=click.Path(), help="Config file (default: discovered).")
def test_(policies: tuple[str, ...], config: str | None) -> int:
    """Run the tests of policy rules (default: the policies the config names)."""
    from traingate.config import ConfigError
    from traingate.gate import worktree_config
    from traingate.policy.testing import test_command

    try:
        loaded = worktree_config(Path(config) if config else None)
    except ConfigError as exc:
        click.echo(f"traingate: config error: {exc}", err=True)
        return exitcodes.USAGE
    refs = policies or loaded.policies
    if not refs:
        click.echo(
            "traingate: no policies to test (name some, or list them in the config)", err=True
        )
        return exitcodes.USAGE
    return test_command(refs, loaded.root, sys.stdout)


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
@click.option("--config", type=click.Path(), help="Config file (default: discovered).")
@click.option("--policy", "policies", multiple=True, help="Also load this policy's rules.")
def explain(rule_id: str, config: str | None, policies: tuple[str, ...]) -> int:
    """Print the full documentation of one rule (built-in, or of a configured policy)."""
    import difflib

    from traingate.rules.registry import RULES

    rules = dict(RULES)
    if rule_id not in rules:
        from traingate.config import ConfigError
        from traingate.gate import load_worktree_gate

        try:
            gate = load_worktree_gate(config, policies)
        except ConfigError as exc:
            click.echo(f"traingate: config error: {exc}", err=True)
            return exitcodes.USAGE
        rules.update(gate.rules)
    rule = rules.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, rules, n=1)
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
        import traceback  # only on a crash: it costs every run ~5 ms of imports

        traceback.print_exc()
        click.echo(f"traingate: internal error: {type(exc).__name__}: {exc}", err=True)
        return exitcodes.UNREADABLE
    return int(result) if isinstance(result, int) else exitcodes.CLEAN
