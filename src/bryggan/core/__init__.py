"""The small shared kernel: kronor and month types, Swedish working days, domain errors."""
