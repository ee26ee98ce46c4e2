-- facts: what every indicator reads, from one pass over the payment register
-- Öppna jämförelser count a person within one municipality: "a person who received assistance in
-- two municipalities is counted in each, with that municipality's months"
-- (shared/contracts/indicators.md). So a person is (municipality, person_id) and a household
-- (municipality, household_id). The window is the 36 months that end with December of the indicator
-- year, the period of *mycket långvarigt ekonomiskt bistånd*; the year is its last 12 months.
-- `window_months` lists them, with bit i (`month_bit`) standing for the i-th month, so that a
-- person's months become one 36-bit set: a month reported twice counts once, and the spell rule can
-- read the months back.
-- Parameters: $first_month and $last_month, the window's first and last month (YYYY-MM). Comparing
-- the text month lets a Parquet reader skip the row groups outside the window.
-- The tables keep one row per person and per household but not their ids: every indicator counts
-- rows, and leaving the id strings out of the materialised tables saves copying them (≈ 3 % of the
-- whole computation on the 3-year benchmark register, benchmarks/README.md).
-- Dialect: SQL:2003 except the aggregate BIT_OR (DuckDB, PostgreSQL, MySQL, Spark SQL) and
-- BIT_COUNT of a BIGINT (DuckDB, MySQL, Spark SQL; PostgreSQL 14: BIT_COUNT(CAST(x AS BIT(64)))).

DROP TABLE IF EXISTS person_facts;

CREATE TEMPORARY TABLE person_facts AS
SELECT
    p.municipality,
    p.months,
    BIT_COUNT(p.months) AS months_in_window,
    BIT_COUNT(p.months & y.year_bits) AS months_in_year,
    p.is_adult,
    p.birth_year
FROM (
    SELECT
        r.municipality,
        r.person_id,
        BIT_OR(w.month_bit) AS months,
        -- an adult recipient of the year: applicant or co-applicant in some month of the year
        MAX(CASE WHEN w.in_year = 1 AND r.role <> 'child' THEN 1 ELSE 0 END) AS is_adult,
        -- rows of one person should agree; if they do not, the earliest birth year counts
        MIN(r.birth_year) AS birth_year
    FROM register AS r
    JOIN window_months AS w ON w.month = r.month
    WHERE r.month BETWEEN $first_month AND $last_month
    GROUP BY r.municipality, r.person_id
) AS p
CROSS JOIN (SELECT BIT_OR(month_bit) AS year_bits FROM window_months WHERE in_year = 1) AS y
-- a recipient of the year: at least one month with assistance in the year
WHERE (p.months & y.year_bits) <> 0;

DROP TABLE IF EXISTS household_facts;

CREATE TEMPORARY TABLE household_facts AS
SELECT
    r.municipality,
    BIT_COUNT(BIT_OR(w.month_bit)) AS months_in_year,
    SUM(r.amount) AS amount
FROM register AS r
JOIN window_months AS w ON w.month = r.month AND w.in_year = 1
WHERE r.month BETWEEN $year_first_month AND $last_month
GROUP BY r.municipality, r.household_id;
