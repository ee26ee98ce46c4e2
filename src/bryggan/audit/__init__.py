"""Access log (who read what, when, why, from where) and change history. Imports no other app."""
