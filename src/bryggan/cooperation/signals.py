"""What cooperation announces to apps it must not know (they build on it): a consent withdrawn.

Sent inside `services.consent_withdraw`'s transaction, so a receiver's writes (the review
agendas that drop the person's case) commit or roll back with the withdrawal itself.
"""

from django.dispatch import Signal

# Arguments: consent (the withdrawn Consent), by (User), now (datetime).
consent_withdrawn = Signal()
