-- young_adults_pct: Unga vuxna med ekonomiskt bistånd
-- Young adults with economic assistance: recipients of the year aged 18–24, age being the year
-- minus the birth year, as a percentage of the municipality's inhabitants aged 18–24 on 31 December
-- (Socialstyrelsen, Öppna jämförelser; seed report Table 1; shared/contracts/indicators.md). Any
-- role counts: a 19-year-old at school living at home is a recipient as a child of the household.
-- Value: numerator / denominator * 100, one decimal, halves up.
SELECT
    p.municipality,
    COUNT(f.municipality) AS numerator,  -- the persons matched (f.municipality is NULL if none)
    p.population_18_24 AS denominator
FROM population AS p
LEFT JOIN person_facts AS f
    ON f.municipality = p.municipality AND $year - f.birth_year BETWEEN 18 AND 24
WHERE p.year = $year
GROUP BY p.municipality, p.population_18_24
