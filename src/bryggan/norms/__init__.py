"""Yearly parameters of economic assistance (riksnorm, prisbasbelopp, legal references) as data."""
