-- long_term_pct: Långvarigt ekonomiskt bistånd
-- Long-term assistance (*långvarigt ekonomiskt bistånd*): adult recipients with assistance in 10–12
-- months of the calendar year, as a percentage of all adult recipients of the year
-- (Socialstyrelsen, Öppna jämförelser; seed report Table 1; shared/contracts/indicators.md). A
-- month counts when the person's household was paid for it in this municipality, whatever the
-- person's role that month.
-- Value: numerator / denominator * 100, one decimal, halves up.
SELECT
    municipality,
    SUM(CASE WHEN months_in_year >= 10 THEN 1 ELSE 0 END) AS numerator,
    COUNT(*) AS denominator
FROM person_facts
WHERE is_adult = 1
GROUP BY municipality
