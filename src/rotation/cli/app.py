"""The typer application: ``rotation plan | replan | print | check | template | demo | web``."""

from __future__ import annotations

import enum
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rotation.checker import CheckReport, check, verdict
from rotation.cli.cards import print_command
from rotation.cli.command_line import ListOptionsCommand, split_at_commas, split_name_problem
from rotation.cli.exit_codes import EXIT_CODES_HELP, ExitCode
from rotation.cli.runner import (
    Display,
    Run,
    consoles,
    guarded,
    plan_and_write,
    print_json,
    replan_and_write,
    usage_error,
)
from rotation.cli.summary import best_bounds, check_summary, metric_table
from rotation.cli.texts import texts_for
from rotation.domain import CheckedPlan
from rotation.io.workbook.labels import status_sentence
from rotation.limits import (
    MAX_PHASES,
    MAX_SEED,
    MAX_TABLE_SIZE,
    MAX_TABLES,
    MAX_TIME_LIMIT,
    MAX_WORKERS,
    MIN_TIME_LIMIT,
)
from rotation.solver import Method
from rotation.workflow import (
    EXAMPLE_FILE,
    ReadSettings,
    SolveSettings,
    read_plan_file,
    write_template_file,
)

__all__ = ["EXAMPLE_FILE", "app"]

DEMO_OUTPUT = Path("rotation-demo-plan.xlsx")

app = typer.Typer(
    name="rotation",
    help=(
        "Plan who sits at which workshop table in each phase: every theme once, tables "
        "within capacity, as many different colleagues as possible. Start with "
        "'rotation demo', or 'rotation template anmeldungen.xlsx' to get a workbook to fill in."
    ),
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Markdown joins a docstring's wrapped lines into one paragraph (rich mode keeps them).
    rich_markup_mode="markdown",
)


class Language(str, enum.Enum):
    """Language of a written workbook."""

    en = "en"
    de = "de"


# -- shared options -------------------------------------------------------------------------
TimeLimit = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=MIN_TIME_LIMIT,
        max=MAX_TIME_LIMIT,
        help="Seconds for the search at most.",
    ),
]
Seed = Annotated[
    int, typer.Option("--seed", min=0, max=MAX_SEED, help="Random seed of the solver.")
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers", min=1, max=MAX_WORKERS, help="Solver threads (default: up to 8 cores)."
    ),
]
Deterministic = Annotated[
    bool,
    typer.Option(
        "--deterministic", help="Same input, seed and workers give the same plan (slower)."
    ),
]
Json = Annotated[
    bool, typer.Option("--json", help="Print one JSON object on stdout, nothing else there.")
]
PlanLanguage = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help="Language of the workbook and the messages (default: that of the input's "
        "headers, else the system's).",
        show_default=False,
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", help="No progress and no report; errors only.")]
Debug = Annotated[
    bool, typer.Option("--debug", help="Log the solver's stages; tracebacks for internal errors.")
]


# -- what to plan (plan, and any command that reads a registration file) ------------------
Input = Annotated[
    Path,
    typer.Argument(
        metavar="INPUT",
        help="Registration file: .xlsx, .xlsm, .ods, .xls or .csv; may stand anywhere on the line.",
        show_default=False,
    ),
]
Output = Annotated[Path, typer.Option("-o", "--output", help="Plan workbook to write (.xlsx).")]
Themes = Annotated[
    list[str] | None,
    typer.Option(
        "--themes",
        metavar="NAME [NAME ...]",
        help="Theme names in order (else the workbook's Settings); quote names with spaces: "
        '"Jung und Alt".',
    ),
]
TablesPerTheme = Annotated[
    int | None,
    typer.Option(
        "--tables-per-theme",
        min=1,
        max=MAX_TABLES,
        help="Tables per theme (replaces a Tables sheet).",
    ),
]
TableSize = Annotated[
    int | None,
    typer.Option("--table-size", min=1, max=MAX_TABLE_SIZE, help="Most seats per table."),
]
MinTableSize = Annotated[
    int | None,
    typer.Option("--min-table-size", min=0, max=MAX_TABLE_SIZE, help="Fewest people per table."),
]
Phases = Annotated[
    int | None,
    typer.Option(
        "--phases", min=1, max=MAX_PHASES, help="Number of phases (default: one per theme)."
    ),
]
Balance = Annotated[
    list[str] | None,
    typer.Option(
        "--balance",
        metavar="COLUMN [COLUMN ...]",
        help="Columns to balance, e.g. gender role (or gender,role).",
    ),
]
EventName = Annotated[
    str | None,
    typer.Option(
        "--name",
        help="The event's name for the plan's titles, e.g. \"Werkstatttreffen Herford\" "
        "(default: the Settings sheet, else a title row above the header, else the file name).",
    ),
]
SolveMethod = Annotated[
    Method,
    typer.Option(
        "--method",
        help="auto: by size; exact: always the CP-SAT search; construct: a quick "
        "constructed plan without search (for very large events).",
    ),
]


def read_settings_of(
    themes: list[str] | None,
    tables_per_theme: int | None,
    table_size: int | None,
    min_table_size: int | None,
    phases: int | None,
    balance: list[str] | None,
    display: Display,
    name: str | None = None,
) -> ReadSettings:
    """The command line's event options; theme names split by the shell are refused."""
    if themes:
        split = split_name_problem(themes, "--themes")
        if split is not None:
            raise usage_error(split, display)
    columns = split_at_commas(balance or [])
    return ReadSettings(
        themes=tuple(themes) if themes else None,
        tables_per_theme=tables_per_theme,
        table_size=table_size,
        min_table_size=min_table_size,
        phases=phases,
        balance=tuple(columns) if columns else None,
        name=name.strip() or None if name else None,
    )


@app.command("plan", cls=ListOptionsCommand, epilog=EXIT_CODES_HELP)
def plan_command(
    input_file: Input,
    output: Output,
    themes: Themes = None,
    tables_per_theme: TablesPerTheme = None,
    table_size: TableSize = None,
    min_table_size: MinTableSize = None,
    phases: Phases = None,
    balance: Balance = None,
    name: EventName = None,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    deterministic: Deterministic = False,
    workers: Workers = None,
    method: SolveMethod = Method.AUTO,
    history: Annotated[
        list[Path] | None,
        typer.Option(
            "--history",
            metavar="EARLIER.xlsx [EARLIER.xlsx ...]",
            help="Plan workbooks of earlier events: pairs who sat together there should not "
            "meet again (matched by id, else e-mail, else name and organisation).",
        ),
    ] = None,
    lang: PlanLanguage = None,
    json_output: Json = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Plan an event from a registration file and write the plan workbook.

    Options not given are taken from the workbook's Tables and Settings sheets.
    """
    display = Display(json=json_output, quiet=quiet, debug=debug, lang=lang.value if lang else None)
    read_settings = read_settings_of(
        themes, tables_per_theme, table_size, min_table_size, phases, balance, display, name
    )
    plan_and_write(
        input_file,
        output,
        read_settings=read_settings,
        solve_settings=SolveSettings(time_limit, seed, workers, deterministic, method),
        display=display,
        history=tuple(history or ()),
    )


@app.command("replan", cls=ListOptionsCommand, epilog=EXIT_CODES_HELP)
def replan_command(
    plan_file: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN.xlsx",
            help="A plan workbook written by rotation (also one edited by hand).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The new plan workbook to write (.xlsx).")
    ],
    absent: Annotated[
        list[str] | None,
        typer.Option(
            "--absent",
            metavar="ID [ID ...]",
            help="Ids of people who do not come from --from-phase on (besides those marked "
            "'no' in the Participants sheet's 'present' column, 'nein' in 'anwesend').",
        ),
    ] = None,
    add: Annotated[
        Path | None,
        typer.Option(
            "--add",
            metavar="FILE",
            help="A registration file (.xlsx, .xlsm, .ods, .xls or .csv) with the late arrivals.",
        ),
    ] = None,
    from_phase: Annotated[
        int,
        typer.Option(
            "--from-phase",
            help="The first phase to re-plan; the phases before it stay exactly as they are.",
        ),
    ] = 1,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    deterministic: Deterministic = False,
    workers: Workers = None,
    lang: PlanLanguage = None,
    json_output: Json = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Change a plan on the day: absences and late arrivals, fewest seats moved.

    The phases before --from-phase keep every seat. The new workbook has a Changes sheet:
    who moves where, who is new and where they sit, who is absent.
    """
    replan_and_write(
        plan_file,
        output,
        absent=tuple(absent or ()),
        add_file=add,
        from_phase=from_phase,
        solve_settings=SolveSettings(time_limit, seed, workers, deterministic),
        display=Display(
            json=json_output, quiet=quiet, debug=debug, lang=lang.value if lang else None
        ),
    )


app.command("print", epilog=EXIT_CODES_HELP)(print_command)


@app.command("check", epilog=EXIT_CODES_HELP)
def check_command(
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN.xlsx", help="A plan workbook, also one edited by hand.")
    ],
    lang: PlanLanguage = None,
    json_output: Json = False,
    debug: Debug = False,
) -> None:
    """Check every rule of a plan workbook and print every metric with its bound.

    Exit code 0 when every rule holds, 1 when a rule is broken, 3 when the file cannot be read.
    """
    display = Display(json=json_output, debug=debug, lang=lang.value if lang else None)
    out, _ = consoles()
    with guarded(display) as run:
        plan, written_in = read_plan_file(plan_file)
        # The workbook's own language (a German list may have been planned in English).
        run.learn(written_in or plan.event.language)
        report = check(plan.event, plan)
        if json_output:
            print_json(check_summary(plan, report, path=plan_file.resolve()))
        else:
            _print_check(out, plan_file, plan, report, run)
    if not report.ok:
        raise typer.Exit(int(ExitCode.RULE_BROKEN))


def _print_check(
    out: Console, plan_file: Path, plan: CheckedPlan, report: CheckReport, run: Run
) -> None:
    """The rules a checked plan breaks (or that all hold) and every metric with its bound."""
    texts, labels = run.texts, run.labels
    if report.ok:
        out.print(texts.all_rules_hold.format(file=plan_file.name), style="green", markup=False)
    else:
        out.print(
            texts.broken_rules.format(count=len(report.violations), file=plan_file.name),
            style="bold red",
            markup=False,
        )
        for violation in report.violations:
            rule = labels.rule_names[violation.rule]
            out.print(f"- {rule}: {violation.message}", markup=False, highlight=False)
    bounds = best_bounds(plan)
    status = status_sentence(plan.record.status, verdict(plan, report.metrics, bounds), labels)
    out.print(texts.status.format(status=status), markup=False, highlight=False)
    out.print(metric_table(report.metrics, bounds, labels, plan.event))


@app.command("template", epilog=EXIT_CODES_HELP)
def template_command(
    output: Annotated[
        Path, typer.Argument(metavar="OUTPUT.xlsx", help="Where to write the blank workbook.")
    ],
    lang: Annotated[
        Language, typer.Option("--lang", help="Language of the template.")
    ] = Language.de,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    debug: Debug = False,
) -> None:
    """Write a blank registration workbook to fill in (participants, tables, settings)."""
    display = Display(debug=debug, lang=lang.value)
    texts = texts_for(lang.value)
    if output.suffix.lower() != ".xlsx":
        raise usage_error(texts.template_suffix.format(name=output.name), display)
    if output.exists() and not force:
        raise usage_error(texts.template_exists.format(name=output.name), display)
    out, _ = consoles()
    with guarded(display):
        written = write_template_file(output, "de" if lang is Language.de else "en")
        out.print(
            texts.template_written.format(path=written.resolve()), markup=False, highlight=False
        )


@app.command("demo", epilog=EXIT_CODES_HELP)
def demo_command(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Plan workbook to write.")
    ] = DEMO_OUTPUT,
    time_limit: TimeLimit = 10.0,
    seed: Seed = 0,
    deterministic: Deterministic = False,
    workers: Workers = None,
    lang: PlanLanguage = None,
    json_output: Json = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Plan the bundled example event and write its plan workbook.

    Fifty made-up people from twelve organisations, themes "Integration und Teilhabe" and
    "Gleichstellung und Vielfalt", two phases, three tables of at most ten per theme,
    balanced by gender and role (all set in the example's Settings sheet).
    """
    display = Display(json=json_output, quiet=quiet, debug=debug, lang=lang.value if lang else None)
    # The example's headers are German, so it speaks German unless --lang says otherwise.
    texts = texts_for(lang.value if lang else "de")
    if not (json_output or quiet):
        out, _ = consoles()
        out.print(texts.demo_start, markup=False)
    with as_file(files("rotation") / "data" / EXAMPLE_FILE) as example:
        plan_and_write(
            example,
            output,
            read_settings=ReadSettings(),
            solve_settings=SolveSettings(time_limit, seed, workers, deterministic),
            display=display,
            full_table=False,
        )
    if not (json_output or quiet):
        with guarded(display):
            out.print(texts.demo_open.format(output=output), markup=False, highlight=False)


@app.command("web", epilog=EXIT_CODES_HELP)
def web_command(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free one).")
    ] = 8765,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on; other than 127.0.0.1 needs --allow-remote."
        ),
    ] = "127.0.0.1",
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the browser.")
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of the page (default: the browser's)."),
    ] = None,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Let other computers reach the page (registrations hold personal data).",
        ),
    ] = False,
) -> None:
    """Open the planner as a page in your browser: upload, set, plan, download.

    Runs on this computer only; stop it with Ctrl-C. Uploads and plans are kept in a private
    temporary folder that is removed when the server stops.
    """
    from rotation.web.server import RemoteNotAllowed, serve

    display = Display()
    _, err = consoles()
    try:
        serve(
            host=host,
            port=port,
            lang=lang.value if lang is not None else None,
            open_browser=not no_browser,
            allow_remote=allow_remote,
            say=lambda line: err.print(line, markup=False, highlight=False, soft_wrap=True),
        )
    except RemoteNotAllowed:
        raise usage_error(
            f"The page would be reachable from other computers at {host}; registrations hold "
            "personal data. Add --allow-remote if you really want that.",
            display,
        ) from None
    except OSError as error:
        raise usage_error(
            f"Cannot listen on {host}:{port} ({error.strerror or error}); another program "
            "may use the port: choose another with --port.",
            display,
        ) from None
    except KeyboardInterrupt:
        pass
