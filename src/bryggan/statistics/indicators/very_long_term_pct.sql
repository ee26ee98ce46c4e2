-- very_long_term_pct: Mycket långvarigt ekonomiskt bistånd
-- Very long-term assistance (*mycket långvarigt ekonomiskt bistånd*): assistance in at least 27
-- months during the 3-year period that ends with December of the year, with interruptions of at
-- most 2 consecutive months (Socialstyrelsen, Öppna jämförelser; seed report, diagram 2 note).
-- Exactly, as shared/contracts/indicators.md fixes it: join the person's months with assistance
-- within the 36-month window into spells wherever the gap between two consecutive assistance months
-- is at most 2 months without assistance (a gap of 3 breaks the spell); the person is very
-- long-term when some spell holds at least 27 months with assistance. Share of the adult recipients
-- of the year.
-- Value: numerator / denominator * 100, one decimal, halves up.
--
-- How: a person's months are a 36-bit set (`months`, bit i = the i-th month of the window; see
-- facts.sql), and spells are found with two textbook operations on it, in a few integer steps per
-- person instead of one row per month:
-- 1. Closing over three months: dilate (month i also marks i+1 and i+2), then erode (keep i only if
--    i, i+1 and i+2 are all marked). This fills every run of at most 2 months without assistance
--    that lies between two months with assistance, and nothing else: each run of ones in `spells`
--    is one spell, from its first to its last month with assistance.
-- 2. Opening over 27 months: erode (keep i if i … i+26 are all in a spell), then dilate back. What
--    is left is every spell that spans at least 27 months. 36 months hold at most one of them, as
--    two would need 27 + 3 + 27 months.
-- The person is very long-term when that spell holds at least 27 months with assistance. Only an
-- adult of the year with 27 months in the window can be. Shifts stay below bit 40, far from
-- overflow. tests/statistics checks this against a month-by-month loop on thousands of patterns.
WITH candidates AS (
    SELECT municipality, months, months | (months << 1) | (months << 2) AS dilated
    FROM person_facts
    WHERE is_adult = 1 AND months_in_window >= 27
),
closed AS (
    SELECT municipality, months, dilated & (dilated >> 1) & (dilated >> 2) AS spells
    FROM candidates
),
-- Erosion by 27 in doubling steps: bit i of runs2 says months i … i+1 are in a spell, runs4 i … i+3,
-- runs8 i … i+7; then starts: i … i+26 (8 + 8 + 8 + 2 + 1 = 27).
with_runs2 AS (
    SELECT municipality, months, spells, spells & (spells >> 1) AS runs2
    FROM closed
),
with_runs4 AS (
    SELECT municipality, months, spells, runs2, runs2 & (runs2 >> 2) AS runs4
    FROM with_runs2
),
with_runs8 AS (
    SELECT municipality, months, spells, runs2, runs4 & (runs4 >> 4) AS runs8
    FROM with_runs4
),
long_starts AS (
    SELECT
        municipality,
        months,
        runs8 & (runs8 >> 8) & (runs8 >> 16) & (runs2 >> 24) & (spells >> 26) AS starts
    FROM with_runs8
),
-- Dilation by 27, the same way: every month of a spell that spans at least 27 months.
with_grown2 AS (
    SELECT municipality, months, starts, starts | (starts << 1) AS grown2
    FROM long_starts
),
with_grown4 AS (
    SELECT municipality, months, starts, grown2, grown2 | (grown2 << 2) AS grown4
    FROM with_grown2
),
with_grown8 AS (
    SELECT municipality, months, starts, grown2, grown4 | (grown4 << 4) AS grown8
    FROM with_grown4
),
long_spells AS (
    SELECT
        municipality,
        months,
        grown8 | (grown8 << 8) | (grown8 << 16) | (grown2 << 24) | (starts << 26) AS spell
    FROM with_grown8
),
very_long_term AS (
    SELECT municipality, COUNT(*) AS persons
    FROM long_spells
    WHERE BIT_COUNT(months & spell) >= 27
    GROUP BY municipality
),
adults AS (
    SELECT municipality, COUNT(*) AS adult_recipients
    FROM person_facts
    WHERE is_adult = 1
    GROUP BY municipality
)
SELECT
    a.municipality,
    COALESCE(v.persons, 0) AS numerator,
    a.adult_recipients AS denominator
FROM adults AS a
LEFT JOIN very_long_term AS v ON v.municipality = a.municipality
