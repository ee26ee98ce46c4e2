-- recipients: Antal biståndsmottagare
-- Recipients (*biståndsmottagare*): every person in a household that received economic assistance
-- during the year (Socialstyrelsen, Öppna jämförelser; shared/domain/rules.md), children included.
-- Value: the numerator.
SELECT municipality, COUNT(*) AS numerator, 1 AS denominator
FROM person_facts
GROUP BY municipality
