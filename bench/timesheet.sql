-- timesheet --by person,job -f csv in DuckDB, exact DECIMAL hours, for
-- bench/bench-timesheet.sh:
--   node bench/duckdb.js bench/timesheet.sql TIME=time.csv
SELECT person, job, sum(CAST(hours AS DECIMAL(6, 2))) AS hours
FROM read_csv('${TIME}', all_varchar = true)
GROUP BY person, job
ORDER BY person, job;
