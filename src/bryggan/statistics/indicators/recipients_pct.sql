-- recipients_pct: Biståndsmottagare i befolkningen
-- Recipients of the year (every person in a household paid assistance) as a percentage of the
-- municipality's inhabitants on 31 December (Socialstyrelsen, Öppna jämförelser; seed report
-- Table 1 "Biståndsmottagare i befolkningen"; contract: recipients / population * 100).
-- Value: numerator / denominator * 100, one decimal, halves up.
SELECT f.municipality, COUNT(*) AS numerator, p.population AS denominator
FROM person_facts AS f
JOIN population AS p ON p.municipality = f.municipality AND p.year = $year
GROUP BY f.municipality, p.population
