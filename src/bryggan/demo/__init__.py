"""A deterministic demo municipality, seeded through the real services."""
