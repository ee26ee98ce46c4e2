"""Riksnorm tables entered by an administrator, for years not (yet) shipped as data files.

The riksnorm for next year is published every November (regeringen.se; the amending ordinance to
socialtjänstförordningen (2001:937)); a municipality should not wait for a release of Bryggan to
enter it. An entered table passes the same validation as a shipped file
(`bryggan.norms.tables.validate_riksnorm_table`); a shipped file for the same year wins.
"""
