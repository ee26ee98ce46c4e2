"""Persons (personnummer, samordningsnummer, skyddad identitet) and households over time."""
