"""Bryggan: economic assistance (ekonomiskt bistånd) by the work-first line.

For Swedish municipalities: intake, calculation, decisions, the work line and its follow-up.
"""

__version__ = "0.1.0"
