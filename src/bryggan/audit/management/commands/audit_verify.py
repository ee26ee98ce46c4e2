"""`bryggan audit-verify [--export FILE] [--since FILE]`: check the access log's and the change
history's hash chains.

Recomputes both chains from their first rows and names the first row that was changed, deleted or
inserted out of order. Exit 0 when both are intact, 1 on a broken chain, 2 on a bad --since file.
`--export FILE` writes the last row (id, hash, time) of each chain as JSON: keep that file outside
Bryggan (mail it to the registrar, print it); `--since FILE` later proves that the chain still
holds that row with that hash, so nobody rewrote the past and re-hashed it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bryggan.audit.verify import CHAIN_MODELS, ChainPoint, chains_verify

EXPORT_FORMAT = "bryggan-audit-chain/1"


class Command(BaseCommand):
    help = "Verify the hash chains of the access log and the change history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--export", metavar="FILE", help="write the latest hash of each chain")
        parser.add_argument("--since", metavar="FILE", help="a file written by --export to prove")

    def handle(self, *args: Any, **options: Any) -> None:
        since = _read_points(Path(options["since"])) if options["since"] else None
        reports = chains_verify(since=since)
        for report in reports:
            latest = (
                f"latest row {report.last.row_id} at {report.last.at}, hash {report.last.hash}"
                if report.last is not None
                else "no rows"
            )
            state = "intact" if report.intact else "BROKEN"
            self.stdout.write(
                f"{report.chain}: {state}, {report.rows_checked} rows checked, {latest}"
            )
            if report.broken is not None:
                self.stdout.write(f"  first break: {report.broken.reason}")
        if since is not None:
            for chain, point in since.items():
                self.stdout.write(f"{chain}: exported row {point.row_id} ({point.at}) checked")
        broken = [report for report in reports if not report.intact]
        if broken:
            raise CommandError(
                "; ".join(f"{r.chain}: {r.broken.reason}" for r in broken if r.broken),
                returncode=1,
            )
        if options["export"]:
            points = {
                report.chain: {"id": p.row_id, "hash": p.hash, "at": p.at}
                for report in reports
                if (p := report.last) is not None
            }
            Path(options["export"]).write_text(
                json.dumps(
                    {
                        "format": EXPORT_FORMAT,
                        "exported_at": timezone.now().isoformat(),
                        "chains": points,
                    },
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
            self.stdout.write(f"latest hashes written to {options['export']}")


def _read_points(path: Path) -> dict[str, ChainPoint]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != EXPORT_FORMAT:
            raise ValueError(f"not a {EXPORT_FORMAT} file")
        unknown = set(data["chains"]) - set(CHAIN_MODELS)
        if unknown:
            raise ValueError(f"unknown chains: {', '.join(sorted(unknown))}")
        return {
            chain: ChainPoint(row_id=int(point["id"]), hash=str(point["hash"]), at=str(point["at"]))
            for chain, point in data["chains"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CommandError(f"--since {path}: {error}", returncode=2) from error
