"""Activities: the catalogue, referrals, attendance and the passive list (the work-first line)."""
