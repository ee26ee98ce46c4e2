-- households: Antal biståndshushåll
-- Households (*biståndshushåll*) paid economic assistance for at least one month of the year
-- (shared/contracts/indicators.md: "distinct households paid for at least one month of the year").
-- Value: the numerator.
SELECT municipality, COUNT(*) AS numerator, 1 AS denominator
FROM household_facts
GROUP BY municipality
