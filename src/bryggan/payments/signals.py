"""What the payments app tells others, without knowing them (STYLE.md: signals for derived data).

`payments_sent` is sent once a payment run has committed, with the run: the follow-up reads the
run's payments into the måltavla's months with assistance then, not at the next board view.
"""

from __future__ import annotations

from django.dispatch import Signal

payments_sent = Signal()  # sender: PaymentRun; run: the committed PaymentRun
