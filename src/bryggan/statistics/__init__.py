"""Statistics: Öppna jämförelser of economic assistance, computed from the payment register.

Socialstyrelsen and SKR compare municipalities on a handful of indicators (*Öppna jämförelser av
ekonomiskt bistånd*): recipients in the population, long-term and very long-term assistance, young
adults, cost per inhabitant. This package computes them from individual data the way
Socialstyrelsen does (`indicators/`, DuckDB, no Django), reads and validates the input files
(`register_io`, `kolada`), and compares municipalities with colour-coded quartiles and
expected-versus-actual values (`benchmarking`), as SKL's *Att bryta mönster* (2013) did for six
municipalities. Contracts: `shared/contracts/indicators.md` and `shared/contracts/benchmark.md`.
"""
