-- cost_per_inhabitant: Kostnad per invånare för utbetalt ekonomiskt bistånd
-- Economic assistance paid for the months of the year, in kronor per inhabitant on 31 December
-- (Socialstyrelsen, Öppna jämförelser; seed report Table 1; shared/contracts/indicators.md: sum of
-- `amount` in the year / population).
-- Value: numerator / denominator in whole kronor, halves up (exact integer arithmetic).
SELECT h.municipality, SUM(h.amount) AS numerator, p.population AS denominator
FROM household_facts AS h
JOIN population AS p ON p.municipality = h.municipality AND p.year = $year
GROUP BY h.municipality, p.population
