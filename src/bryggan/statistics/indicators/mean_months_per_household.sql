-- mean_months_per_household: Genomsnittligt antal månader med ekonomiskt bistånd per hushåll
-- Mean number of months with assistance per household paid in the year (*biståndstid*, as
-- Socialstyrelsen's statistics on economic assistance report it; shared/contracts/indicators.md).
-- Value: numerator / denominator, one decimal, halves up.
SELECT municipality, SUM(months_in_year) AS numerator, COUNT(*) AS denominator
FROM household_facts
GROUP BY municipality
