-- adult_recipients: Antal vuxna biståndsmottagare
-- Adult recipients: persons who were applicant (*sökande*) or co-applicant (*medsökande*) in a
-- household paid assistance in some month of the year (shared/contracts/indicators.md).
-- Value: the numerator.
SELECT municipality, COUNT(*) AS numerator, 1 AS denominator
FROM person_facts
WHERE is_adult = 1
GROUP BY municipality
