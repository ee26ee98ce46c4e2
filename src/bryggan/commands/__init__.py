"""Interfaces of the pure console commands (`bryggan calculate`, `indicators`, `benchmark`)."""
