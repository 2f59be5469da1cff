-- The query `forecast --weighted --quarterly` answers, in exact DECIMAL:
-- of each forecast line (client, month, job, kind) the latest revision on
-- or before the as-of date, weighted round(amount × probability / 100)
-- half away from zero; invoices issued on or before the as-of date by
-- issued month; both summed by client, currency and calendar quarter over
-- the months FROM to TO.  Columns and order are forecast -f csv's.  Run
--   node bench/duckdb.js bench/forecast.sql FORECASTS=forecasts.csv \
--       INVOICES=invoices.csv ASOF=2026-11-25 FROM=2025-01 TO=2026-12
WITH f AS (
	SELECT client, month, coalesce(job, '') AS job, coalesce(kind, '') AS kind,
	    coalesce(currency, 'CNY') AS currency,
	    CAST(amount AS DECIMAL(18, 2)) AS amount,
	    CAST(coalesce(probability, '100') AS DECIMAL(9, 4)) AS probability,
	    coalesce(CAST(revised AS DATE), DATE '0001-01-01') AS revised
	FROM read_csv('${FORECASTS}', all_varchar = true, header = true)
	WHERE revised IS NULL OR CAST(revised AS DATE) <= DATE '${ASOF}'
), counted AS (
	SELECT client, month, arg_max(currency, revised) AS currency,
	    round(arg_max(amount * probability, revised) * 0.01, 2) AS forecast
	FROM f
	WHERE month BETWEEN '${FROM}' AND '${TO}'
	GROUP BY client, month, job, kind
), fq AS (
	SELECT client, currency,
	    substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) // 3) AS quarter,
	    sum(forecast) AS forecast
	FROM counted GROUP BY ALL
), iq AS (
	SELECT client, coalesce(currency, 'CNY') AS currency,
	    strftime(CAST(issued AS DATE), '%Y') || '-Q' || quarter(CAST(issued AS DATE)) AS quarter,
	    sum(CAST(amount AS DECIMAL(18, 2))) AS actual
	FROM read_csv('${INVOICES}', all_varchar = true, header = true)
	WHERE CAST(issued AS DATE) <= DATE '${ASOF}'
	    AND strftime(CAST(issued AS DATE), '%Y-%m') BETWEEN '${FROM}' AND '${TO}'
	GROUP BY ALL
)
SELECT client, currency, quarter,
    coalesce(fq.forecast, 0)::DECIMAL(18, 2) AS forecast,
    coalesce(iq.actual, 0)::DECIMAL(18, 2) AS actual,
    (coalesce(iq.actual, 0) - coalesce(fq.forecast, 0))::DECIMAL(18, 2) AS variance
FROM fq FULL OUTER JOIN iq USING (client, currency, quarter)
ORDER BY client, currency, quarter;
