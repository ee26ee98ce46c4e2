"""The one signal the change history sends: which cases changed, once the change is committed.

Every service records its change with `change_record_write` inside its transaction, so the change
history is the one place that hears of every change to a case. Whatever keeps a copy of figures
made from cases (the desk's menu counts) listens here and forgets its copy; the history does not
know who listens (a signal is for cache invalidation only: STYLE.md, "Signals as control flow").
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent after the commit of a transaction that recorded changes, with `case_ids`: a frozenset of
# the changed cases' ids, and `without_case`: whether a change named no case.
cases_changed = Signal()
