"""Assessments and decisions; for now the calculations saved with a case."""
