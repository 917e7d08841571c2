"""`fieldkit export ...`: what leaves the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fieldkit import i18n, settings
from fieldkit.cli.common import (
    ConfidentialOption,
    DbOption,
    OutOption,
    export_path,
    language_flag,
    open_store,
)
from fieldkit.cli.errors import fail
from fieldkit.domain.lookup import by_prefix
from fieldkit.domain.mission import MissionData
from fieldkit.i18n import _, ngettext
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
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="The document's language: en, ru or fr (default: the one fieldkit speaks).",
    ),
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
            _(
                "no author name set: the document names no author. Set yours once with "
                '`fieldkit profile --name "Your Name"` (or FIELDKIT_AUTHOR).'
            ),
            err=True,
        )


def _language(lang: str | None) -> str:
    """The document's language: `--lang`, else the one fieldkit speaks."""
    return language_flag(lang) if lang is not None else i18n.current().code


def _export(
    build: Callable[[MissionData, ExportOptions], Built],
    name: str,
    out: Path | None,
    template: Path | None,
    include_confidential: bool,
    lang: str | None,
    db: Path | None,
) -> None:
    """Build a Word document in its language and save it, a ReportError as one clear line."""
    from fieldkit.reports.document import save

    _check_template(template)
    language = _language(lang)
    data = open_store(db).data()
    try:
        with i18n.speaking(language):
            options = _options(include_confidential, template, language=language)
            built = build(data, options)
        path = save(built.document, export_path(out, name))
    except ReportError as exc:
        fail(str(exc))
    _no_author_notice()
    _left_out_notice(built.left_out)
    typer.echo(str(path))


def _left_out_notice(left_out: int, records: bool = False) -> None:
    if not left_out:
        return
    if records:
        notice = ngettext(
            "{count} confidential record(s) or contact(s) left out; "
            "add --include-confidential to keep them",
            "{count} confidential record(s) or contact(s) left out; "
            "add --include-confidential to keep them",
            left_out,
        )
    else:
        notice = ngettext(
            "{count} confidential note(s) or response(s) left out; "
            "add --include-confidential to keep them",
            "{count} confidential note(s) or response(s) left out; "
            "add --include-confidential to keep them",
            left_out,
        )
    typer.echo(notice.format(count=left_out), err=True)


def _check_template(template: Path | None) -> None:
    if template is not None and not template.is_file():
        fail(_("no template at {path}").format(path=template))


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
        _left_out_notice(left_out, records=True)
        if left:
            typer.echo(_("left out: {parts}").format(parts=", ".join(doc["left_out"])), err=True)
        typer.echo(str(path))

    @export_app.command("debrief")
    def debrief(
        template: TemplateOption = None,
        date_from: FromOption = None,
        date_to: ToOption = None,
        meeting: MeetingOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        lang: LangOption = None,
        db: DbOption = None,
    ) -> None:
        """The Word debrief for the drafting team."""

        def build(data: MissionData, options: ExportOptions) -> Built:
            from fieldkit.reports.debrief import build_debrief

            ids = tuple(by_prefix(data.meetings, m, "meeting").id for m in meeting or ())
            first, last = (date_from or "").strip(), (date_to or "").strip()
            options = replace(options, meeting_ids=ids, date_from=first, date_to=last)
            return build_debrief(data, options)

        _export(build, default_name("debrief"), out, template, include_confidential, lang, db)

    @export_app.command("factsheet")
    def factsheet(
        theme: ThemeOption,
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        lang: LangOption = None,
        db: DbOption = None,
    ) -> None:
        """A factsheet on one theme across mechanisms, for diplomatic missions."""

        def build(data: MissionData, options: ExportOptions) -> Built:
            from fieldkit.reports.factsheet import build_factsheet

            return build_factsheet(data, theme, options)

        name = default_name("factsheet", theme)
        _export(build, name, out, template, include_confidential, lang, db)

    @export_app.command("followup")
    def followup(
        body: BodyOption = "CCPR",
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        lang: LangOption = None,
        db: DbOption = None,
    ) -> None:
        """The NGO follow-up submission: each follow-up paragraph, what the State said,
        our assessment and proposed grade per limb beside the Committee's last grade."""

        def build(data: MissionData, options: ExportOptions) -> Built:
            from fieldkit.reports.followup import build_followup

            return build_followup(data, body, options)

        _export(build, default_name("followup"), out, template, include_confidential, lang, db)

    @export_app.command("matrix")
    def matrix(
        cycle: CycleOption = None,
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        lang: LangOption = None,
        db: DbOption = None,
    ) -> None:
        """The UPR mid-term matrix (landscape): one row per recommendation, by theme."""

        def build(data: MissionData, options: ExportOptions) -> Built:
            from fieldkit.reports.matrix import build_matrix

            return build_matrix(data, cycle, options)

        _export(build, default_name("matrix"), out, template, include_confidential, lang, db)

    @export_app.command("ohchr-list")
    def ohchr_list(
        cycle: CycleOption = None,
        template: TemplateOption = None,
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        lang: LangOption = None,
        db: DbOption = None,
    ) -> None:
        """OHCHR's thematic list of recommendations with the assessment column filled in."""

        def build(data: MissionData, options: ExportOptions) -> Built:
            from fieldkit.reports.ohchr_list import build_ohchr_list

            return build_ohchr_list(data, cycle, options)

        _export(build, default_name("ohchr-list"), out, template, include_confidential, lang, db)

    @export_app.command("csv")
    def csv(
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        lang: LangOption = None,
        db: DbOption = None,
    ) -> None:
        """One row per item with its latest response (UTF-8 with BOM, for Excel)."""
        language = _language(lang)
        data = open_store(db).data()
        try:
            from fieldkit.reports.csv_matrix import csv_bytes
            from fieldkit.reports.document import write_bytes

            options = ExportOptions(include_confidential=include_confidential, language=language)
            with i18n.speaking(language):
                payload, left_out = csv_bytes(data, options)
            path = export_path(out, default_name("csv"))
            write_bytes(path, payload)
        except ReportError as exc:
            fail(str(exc))
        _left_out_notice(left_out)
        typer.echo(str(path))

    app.add_typer(export_app, name="export")
