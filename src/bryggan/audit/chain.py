"""The hash chain over the access log and the change history: canonical form and row hashes.

Every row carries `prev_hash` (the hash of the row before it in its table, by id) and `hash`,
SHA-256 over the canonical JSON of the row's own content followed by `prev_hash`. Changing,
deleting or inserting a row breaks the chain at that row or the next one, which
`bryggan audit-verify` finds. Pure: values in, hex digest out; the services and the verifier
share it, so a row is hashed the same way when written and when checked.

The canonical form: one JSON object of the fields below (the id included, so a renumbered row
or one slipped in out of order is caught), keys sorted, no whitespace, datetimes as ISO 8601 in
UTC with microseconds, IP addresses normalised, the change payload as JSON-native values.
Changing this form (or the field lists) breaks every existing chain: do it only with a migration
that re-chains, and say so in the release notes.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64  # the prev_hash of the first row of a chain

ACCESS_LOG = "access_log"
CHANGE_RECORD = "change_record"

# The fields hashed, in the order selectors read them (values_list), per chain.
CHAIN_FIELDS: dict[str, tuple[str, ...]] = {
    ACCESS_LOG: (
        "id",
        "at",
        "user_id",
        "actor",
        "object_type",
        "object_id",
        "case_id",
        "purpose",
        "path",
        "ip_address",
    ),
    CHANGE_RECORD: (
        "id",
        "at",
        "user_id",
        "case_id",
        "object_type",
        "object_id",
        "action",
        "changes",
    ),
}
_INTEGER_FIELDS = {"id", "user_id", "case_id"}


def _utc_iso(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("the hash chain needs aware datetimes (USE_TZ)")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _ip(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return str(value)


def _json_native(value: Any) -> Any:
    """The payload as it reads back from a JSON column (tuples become lists, keys strings), with
    whole floats as integers: PostgreSQL's jsonb gives 1e16 back as 10000000000000000."""
    return _whole_floats(json.loads(json.dumps(value)))


def _whole_floats(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(Decimal(repr(value)))  # as the database reads the decimal text, not the binary
    if isinstance(value, list):
        return [_whole_floats(item) for item in value]
    if isinstance(value, dict):
        return {key: _whole_floats(item) for key, item in value.items()}
    return value


def canonical(chain: str, values: Sequence[Any]) -> bytes:
    """The canonical bytes of one row, `values` in the order of `CHAIN_FIELDS[chain]`."""
    fields = CHAIN_FIELDS[chain]
    row: dict[str, Any] = {}
    for name, value in zip(fields, values, strict=True):
        if name == "at":
            row[name] = _utc_iso(value)
        elif name in _INTEGER_FIELDS:
            row[name] = None if value is None else int(value)
        elif name == "ip_address":
            row[name] = _ip(value)
        elif name == "changes":
            row[name] = _json_native(value)
        else:
            row[name] = "" if value is None else str(value)
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def row_hash(chain: str, values: Sequence[Any], prev_hash: str) -> str:
    """SHA-256 (hex) of the row's canonical bytes followed by the previous row's hash."""
    digest = hashlib.sha256(canonical(chain, values))
    digest.update(prev_hash.encode("ascii"))
    return digest.hexdigest()


def instance_values(chain: str, instance: object) -> list[Any]:
    """The hashed values of a saved model instance (its `<field>_id` attributes for keys)."""
    return [getattr(instance, name) for name in CHAIN_FIELDS[chain]]
