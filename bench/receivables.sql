-- The receivables aging of SPEC §3 in DuckDB, exact DECIMAL, for
-- bench/bench-receivables.sh: run it with
--   node bench/duckdb.js bench/receivables.sql INVOICES="read_csv('invoices.csv', all_varchar=true)" \
--       PAYMENTS="read_csv('payments.csv', all_varchar=true)" ASOF=2026-11-25
-- (read_json('x.jsonl', format='newline_delimited') for JSON Lines).
-- Columns and order are receivables -f csv's: client,currency,buckets,total.
WITH pay AS (
	SELECT invoice, sum(CAST(amount AS DECIMAL(18, 2))) AS paid
	FROM ${PAYMENTS}
	WHERE CAST(date AS DATE) <= DATE '${ASOF}'
	GROUP BY invoice
), open AS (
	SELECT inv.client AS client,
	    coalesce(nullif(CAST(inv.currency AS VARCHAR), ''), 'CNY') AS currency,
	    CAST(inv.amount AS DECIMAL(18, 2)) - coalesce(pay.paid, 0) AS bal,
	    DATE '${ASOF}' - coalesce(CAST(nullif(CAST(inv.due AS VARCHAR), '') AS DATE),
	        CAST(inv.issued AS DATE) + CAST(coalesce(nullif(CAST(inv.terms AS VARCHAR), ''), '30') AS INTEGER)) AS days
	FROM ${INVOICES} AS inv LEFT JOIN pay ON pay.invoice = inv.invoice
	WHERE CAST(inv.issued AS DATE) <= DATE '${ASOF}'
)
SELECT client, currency,
    sum(CASE WHEN days <= 0 THEN bal ELSE 0 END) AS "current",
    sum(CASE WHEN days BETWEEN 1 AND 30 THEN bal ELSE 0 END) AS "1-30",
    sum(CASE WHEN days BETWEEN 31 AND 60 THEN bal ELSE 0 END) AS "31-60",
    sum(CASE WHEN days BETWEEN 61 AND 90 THEN bal ELSE 0 END) AS "61-90",
    sum(CASE WHEN days > 90 THEN bal ELSE 0 END) AS "91+",
    sum(bal) AS total
FROM open
WHERE bal <> 0
GROUP BY client, currency
ORDER BY client, currency;
