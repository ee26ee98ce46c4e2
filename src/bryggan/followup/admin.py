"""No admin: closures and return follow-ups are case data, which the Django admin never shows
(issue 14). They are written by `followup.services` and read on the case's pages."""
