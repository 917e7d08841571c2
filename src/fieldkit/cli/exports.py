"""`fieldkit export ...`: what leaves the field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fieldkit import settings
from fieldkit.cli.common import ConfidentialOption, DbOption, OutOption, export_path, open_store
from fieldkit.cli.errors import fail
from fieldkit.domain.lookup import by_prefix
from fieldkit.reports import ExportOptions, ReportError, default_name
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.bundle import encode, to_bundle
from fieldkit.storage.schema import TOMBSTONES

if TYPE_CHECKING:
    from fieldkit.reports.debrief import Built

export_app = typer.Typer(help="Write documents and files from the mission.", no_args_is_help=True)

TemplateOption = Annotated[
    Path | None,
    typer.Option("--template", help="Start from the drafting team's .docx (styles, page, footer)."),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Only meetings on or after this day (YYYY-MM-DD).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Only meetings on or before this day (YYYY-MM-DD).")
]
MeetingOption = Annotated[
    list[str] | None,
    typer.Option("--meeting", help="Only this meeting (id or unique prefix); repeat for more."),
]
ThemeOption = Annotated[
    str, typer.Option("--theme", help="The theme: a tag, or words the items' text names.")
]
BodyOption = Annotated[
    str, typer.Option("--body", help="The treaty body whose follow-up paragraphs to cover.")
]
CycleOption = Annotated[
    int | None,
    typer.Option("--cycle", help="Only this UPR cycle (default: every UPR recommendation)."),
]


def _options(
    include_confidential: bool, template: Path | None = None, **scope: object
) -> ExportOptions:
    """What every document shares: the author and day from the delegate's settings."""
    return ExportOptions(
        include_confidential=include_confidential,
        template=template,
        author=settings.named_author(),
        today=settings.today().isoformat(),
        **scope,  # type: ignore[arg-type]
    )


def _no_author_notice() -> None:
    if not settings.named_author():
        typer.echo(
            "no author name set: the document names no author. Set yours once with "
            '`fieldkit profile --name "Your Name"` (or FIELDKIT_AUTHOR).',
            err=True,
        )


def _write(build: Callable[[], Built], out: Path | None, name: str) -> Built:
    """Build a Word document and save it, a ReportError as one clear line."""
    from fieldkit.reports.document import save

    try:
        built = build()
        path = save(built.document, export_path(out, name))
    except ReportError as exc:
        fail(str(exc))
    _no_author_notice()
    _left_out_notice(built.left_out)
    typer.echo(str(path))
    return built


def _left_out_notice(left_out: int, what: str = "note(s) or response(s)") -> None:
    if left_out:
        typer.echo(
            f"{left_out} confidential {what} left out; add --include-confidential to keep them",
            err=True,
        )


def _check_template(template: Path | None) -> None:
    if template is not None and not template.is_file():
        fail(f"no template at {template}")


def register(app: typer.Typer) -> None:
    @export_app.command("bundle")
    def bundle(
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        encrypt: Annotated[
            bool, typer.Option("--encrypt", help="Protect the bundle with its own passphrase.")
        ] = False,
        without: Annotated[
            str,
            typer.Option(
                "--without", help="Parts to leave out, e.g. people,notes.", metavar="PARTS"
            ),
        ] = "",
        db: DbOption = None,
    ) -> None:
        """The whole mission as one JSON file (fieldkit's interchange format)."""
        from fieldkit.cli.protect import bundle_passphrase, parts

        left = parts(without)
        store = open_store(db)
        deleted = (store.file.tree().get(TOMBSTONES) or {}).values()
        doc, left_out = to_bundle(store.data(), include_confidential, deleted, left)
        path = export_path(out, "mission-bundle.json")
        atomic_write(path, encode(doc, bundle_passphrase(path) if encrypt else None))
        _left_out_notice(left_out, "record(s) or contact(s)")
        if left:
            typer.echo(f"left out: {', '.join(doc['left_out'])}", err=True)
        typer.echo(str(path))

    @export_app.command("debrief")
    def debrief(
        template: TemplateOption = None,
        date_from: FromOption = None,
        date_to: ToOption = None,
        meeting: MeetingOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """The Word debrief for the drafting team."""
        _check_template(template)
        data = open_store(db).data()

        def build() -> Built:
            from fieldkit.reports.debrief import build_debrief

            ids = tuple(by_prefix(data.meetings, m, "meeting").id for m in meeting or ())
            options = _options(
                include_confidential,
                template,
                date_from=(date_from or "").strip(),
                date_to=(date_to or "").strip(),
                meeting_ids=ids,
            )
            return build_debrief(data, options)

        _write(build, out, default_name("debrief"))

    @export_app.command("factsheet")
    def factsheet(
        theme: ThemeOption,
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """A factsheet on one theme across mechanisms, for diplomatic missions."""
        _check_template(template)
        data = open_store(db).data()

        def build() -> Built:
            from fieldkit.reports.factsheet import build_factsheet

            return build_factsheet(data, theme, _options(include_confidential, template))

        _write(build, out, default_name("factsheet", theme))

    @export_app.command("followup")
    def followup(
        body: BodyOption = "CCPR",
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """The NGO follow-up submission: each follow-up paragraph, what the State said,
        our assessment and proposed grade per limb beside the Committee's last grade."""
        _check_template(template)
        data = open_store(db).data()

        def build() -> Built:
            from fieldkit.reports.followup import build_followup

            return build_followup(data, body, _options(include_confidential, template))

        _write(build, out, default_name("followup"))

    @export_app.command("matrix")
    def matrix(
        cycle: CycleOption = None,
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """The UPR mid-term matrix (landscape): one row per recommendation, by theme."""
        _check_template(template)
        data = open_store(db).data()

        def build() -> Built:
            from fieldkit.reports.matrix import build_matrix

            return build_matrix(data, cycle, _options(include_confidential, template))

        _write(build, out, default_name("matrix"))

    @export_app.command("ohchr-list")
    def ohchr_list(
        cycle: CycleOption = None,
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """OHCHR's thematic list of recommendations with the assessment column filled in."""
        _check_template(template)
        data = open_store(db).data()

        def build() -> Built:
            from fieldkit.reports.ohchr_list import build_ohchr_list

            return build_ohchr_list(data, cycle, _options(include_confidential, template))

        _write(build, out, default_name("ohchr-list"))

    @export_app.command("csv")
    def csv(
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """One row per item with its latest response (UTF-8 with BOM, for Excel)."""
        data = open_store(db).data()
        try:
            from fieldkit.reports.csv_matrix import csv_bytes
            from fieldkit.reports.document import write_bytes

            payload, left_out = csv_bytes(
                data, ExportOptions(include_confidential=include_confidential)
            )
            path = export_path(out, default_name("csv"))
            write_bytes(path, payload)
        except ReportError as exc:
            fail(str(exc))
        _left_out_notice(left_out)
        typer.echo(str(path))

    app.add_typer(export_app, name="export")
