"""Intake (*mottagning*): applications, the first meeting within two working days, youth routing."""
