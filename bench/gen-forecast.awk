# Generates deterministic billing forecast records for benchmarks:
#   awk -v n=1000000 -v out=DIR -f bench/gen-forecast.awk
# writes DIR/forecasts.csv: n records for the clients and jobs of
# bench/gen.awk (job J%05d belongs to the client gen.awk gives it), one
# line per job, month and kind over 2025-2026; the last fifth of the
# records revise earlier lines, some of them after the bench's as-of
# date.  A few lines are credits (negative amounts).
BEGIN {
	srand(2027)
	if (n == 0) n = 1000
	split("上海某某食品有限公司,Acme Beverages,北京星辰科技,Globex Motors,广州美妆集团,Initech Software,深圳云端网络,Umbrella Pharma,杭州茶叶股份,Stark Outdoor", cl, ",")
	split("fee,media,production", kind, ",")
	split("100,90,75,50,33.3,25,12.5,10,66.5,0", prob, ",")
	f = out "/forecasts.csv"
	print "client,month,amount,currency,job,kind,probability,revised" > f
	lines = int(n * 4 / 5)
	for (i = 0; i < n; i++) {
		rev = ""
		if (i < lines)
			l = i
		else {
			# revise every fourth line
			l = ((i - lines) * 4) % lines
			d = int(rand() * 700)
			rev = sprintf("%04d-%02d-%02d", 2025 + int(d / 365), int((d % 365) / 31) + 1, d % 28 + 1)
		}
		j = l % 40000
		mi = (int(l / 40000) + j) % 24
		y = 2025 + int(mi / 12); m = mi % 12 + 1
		cents = int(rand() * 100000000) + 1
		if (i % 97 == 0) cents = -cents
		cur = (j % 17 == 0) ? "USD" : "CNY"
		sign = cents < 0 ? "-" : ""; a = cents < 0 ? -cents : cents
		printf "%s,%04d-%02d,%s%d.%02d,%s,J%05d,%s,%s,%s\n", cl[j % 10 + 1], y, m, sign, int(a / 100), a % 100, cur, j, kind[(j + int(l / 40000)) % 3 + 1], prob[int(rand() * 10) + 1], rev > f
	}
}
