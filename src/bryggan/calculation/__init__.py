"""The calculation of försörjningsstöd: household + month + norms → itemised lines with sources.

Pure Python (no Django), so that the web application, the API, the command line and the decision
letters share one engine. Primary source: socialtjänstlagen (2001:453) 4 kap. 1–3 §§, from 1 July
2025 socialtjänstlagen (2025:400) 12 kap.; socialtjänstförordningen (2001:937) 2 kap. 1 §.
"""
