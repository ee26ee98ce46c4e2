"""Thinning case files (*gallring*, SoL (2025:400) 16 kap.): one transaction per file.

`retention_execute` takes the files the rule says must go (`selectors.retention_due`), and for each
one, in its own transaction:
1. keeps the file's rows of the payment register without identity (`RetainedRegisterRow`), so the
   indicators and the statistics count the same afterwards;
2. removes every row of the file: the household and everything that refers to it, and the
   persons who belong to no other file, with everything that refers to them;
3. writes the protocol row and a change-history row (`case_file`, `thinned`) naming the case id
   and the rule, never a person;
4. after the commit, removes the stored files of its documents and letters from
   `BRYGGAN_DOCUMENTS_DIR` (after, so that a rolled-back file keeps its documents).

The rows are removed without Django's cascade: the case models protect their rows from the ORM
(`on_delete=PROTECT`, `delete()` refused), which is right for the application and wrong here.
The collector walks every relation that points at the file (`_case_graph`) and deletes with plain
SQL; the database checks the foreign keys at commit, so a row the walk missed makes the whole file
roll back instead of leaving a half-thinned one. The triggers that keep signed rows unchanged
(`core/db_guards.py`) refuse UPDATE only, never DELETE, on SQLite and PostgreSQL alike.

The access log and the change history are not touched: they name cases and persons by id only
(never a personnummer, name or text) and a removed row would break the hash chain that
`bryggan audit-verify` checks. They are kept under the log's own retention (docs/operations.md).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone

from bryggan.audit.services import change_record_write
from bryggan.casefile.models import Document
from bryggan.casefile.services_documents import document_storage
from bryggan.core.month import Month
from bryggan.decisions.models import Decision
from bryggan.norms.tables import legal_references
from bryggan.people.models import Household, HouseholdMember, Person
from bryggan.retention.models import (
    RetainedRegisterRow,
    RetentionProtocol,
    RetentionProtocolRow,
)
from bryggan.retention.selectors import FileVerdict, municipality_code, retention_due
from bryggan.statistics.register import register_rows

SOCIAL_SERVICES_ACT = "socialtjanstlag"
# Apps whose rows are never part of a case file: the log and history (hash-chained, kept under
# their own retention) and retention's own protocol and anonymised rows.
NEVER_REMOVED_APPS = frozenset({"audit", "retention", "admin", "contenttypes", "sessions"})


@dataclass(frozen=True, slots=True)
class ThinnedFile:
    case_id: int
    case_number: str
    records_removed: int
    documents_removed: int
    persons_removed: int
    statistics_rows_kept: int


def rule_citation(verdict: FileVerdict) -> str:
    """The paragraph the file is thinned under, in the law in force when the duty arose."""
    duty = verdict.verdict.duty_from or verdict.verdict.last_entry
    return legal_references().cite(SOCIAL_SERVICES_ACT, str(verdict.verdict.rule), duty)


def _reverse_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Every relation from another model's foreign key to `model`, hidden ones (`related_name="+"`)
    and many-to-many tables included."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]


def _case_graph(household: Household, persons: set[int]) -> dict[type[models.Model], set[object]]:
    """Every row that belongs to the file: the household, the given persons, and every row that
    refers to one of them, recursively."""
    found: dict[type[models.Model], set[object]] = defaultdict(set)
    queue: deque[tuple[type[models.Model], set[object]]] = deque(
        [(Household, {household.pk}), (Person, set(persons))]
    )
    while queue:
        model, pks = queue.popleft()
        new = pks - found[model]
        if not new:
            continue
        found[model] |= new
        for relation in _reverse_relations(model):
            related = relation.related_model
            if related._meta.app_label in NEVER_REMOVED_APPS:
                continue
            field_name = relation.field.name
            child_pks = set(
                related._base_manager.filter(**{f"{field_name}__in": new}).values_list(
                    "pk", flat=True
                )
            )
            if child_pks:
                queue.append((related, child_pks))
    return {model: pks for model, pks in found.items() if pks}


def _exclusive_persons(household: Household) -> set[int]:
    """The members who belong to no other file: they go with this one."""
    members = set(
        HouseholdMember.objects.filter(household=household).values_list("person_id", flat=True)
    )
    elsewhere = set(
        HouseholdMember.objects.filter(person_id__in=members)
        .exclude(household=household)
        .values_list("person_id", flat=True)
    )
    return members - elsewhere


def _keep_register_rows(household: Household, protocol: RetentionProtocol) -> int:
    months = sorted(
        set(Decision._base_manager.filter(household=household).values_list("month", flat=True))
    )
    if not months:
        return 0
    rows = register_rows(
        municipality=protocol.municipality_code,
        first=Month.parse(months[0]),
        last=Month.parse(months[-1]),
        households=[household.pk],
    )
    kept = []
    position_in: dict[str, int] = defaultdict(int)
    for row in rows:
        kept.append(
            RetainedRegisterRow(
                municipality=row.municipality,
                month=row.month,
                household_number=int(row.household_id.removeprefix("H")),
                person_number=int(row.person_id.removeprefix("P")),
                birth_year=row.birth_year,
                role=row.role,
                amount=row.amount,
                position=position_in[row.month],
                kept_by=protocol,
            )
        )
        position_in[row.month] += 1
    RetainedRegisterRow.objects.bulk_create(kept)
    return len(kept)


def _delete_rows(graph: dict[type[models.Model], set[object]]) -> int:
    removed = 0
    for model, pks in graph.items():
        queryset = model._base_manager.filter(pk__in=pks)
        # Plain DELETE, without the ORM's collector: the case models refuse delete() and protect
        # their rows; the foreign keys are checked by the database at commit.
        removed += queryset._raw_delete(queryset.db)
    return removed


def _remove_stored_files(names: list[str]) -> None:
    storage = document_storage()
    for name in names:
        storage.delete(name)


def case_file_thin(
    *, verdict: FileVerdict, protocol: RetentionProtocol, by: AbstractBaseUser | None, now: datetime
) -> ThinnedFile:
    """Remove one case file that is due, in one transaction; keep its statistics without identity
    and write the protocol row. Source: SoL (2025:400) 16 kap. 1 §."""
    if not verdict.verdict.due or verdict.verdict.duty_from is None:
        raise ValueError(f"case {verdict.verdict.case_id} is not due for thinning")
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=verdict.verdict.case_id)
        kept = _keep_register_rows(household, protocol)
        persons = _exclusive_persons(household)
        graph = _case_graph(household, persons)
        stored_names = list(
            Document.objects.filter(pk__in=graph.get(Document, set())).values_list(
                "stored_name", flat=True
            )
        )
        records = _delete_rows(graph)
        rule = rule_citation(verdict)
        RetentionProtocolRow.objects.create(
            protocol=protocol,
            case_id=household.pk,
            case_number=verdict.case_number,
            unit_name=verdict.unit_name,
            rule=rule,
            last_entry=verdict.verdict.last_entry,
            duty_from=verdict.verdict.duty_from,
            deadline=verdict.verdict.deadline or verdict.verdict.duty_from,
            records_removed=records,
            documents_removed=len(stored_names),
            persons_removed=len(graph.get(Person, ())),
            statistics_rows_kept=kept,
            thinned_at=now,
        )
        change_record_write(
            user=by,
            case_id=household.pk,
            object_type="case_file",
            object_id=household.pk,
            action="thinned",
            changes={
                "rule": rule,
                "last_entry": verdict.verdict.last_entry.isoformat(),
                "protocol": protocol.pk,
                "records_removed": records,
            },
        )
        transaction.on_commit(lambda: _remove_stored_files(stored_names))
    return ThinnedFile(
        case_id=household.pk,
        case_number=verdict.case_number,
        records_removed=records,
        documents_removed=len(stored_names),
        persons_removed=len(graph.get(Person, ())),
        statistics_rows_kept=kept,
    )


def retention_execute(
    *,
    today: date,
    by: AbstractBaseUser | None,
    run_by: str,
    now: Callable[[], datetime] = timezone.now,
    progress: Callable[[FileVerdict], None] | None = None,
) -> tuple[RetentionProtocol, list[ThinnedFile]]:
    """Thin every file due on `today`, one transaction per file, and write the protocol."""
    due = retention_due(today=today)
    protocol = RetentionProtocol.objects.create(
        as_of=today, started_at=now(), run_by=run_by, municipality_code=municipality_code()
    )
    thinned = []
    for verdict in due:
        thinned.append(case_file_thin(verdict=verdict, protocol=protocol, by=by, now=now()))
        if progress is not None:
            progress(verdict)
    RetentionProtocol.objects.filter(pk=protocol.pk).update(
        finished_at=now(),
        files_thinned=len(thinned),
        documents_removed=sum(t.documents_removed for t in thinned),
    )
    protocol.refresh_from_db()
    return protocol, thinned
