# Generates a deterministic agency ledger for benchmarks:
#   awk -v n=1000000 -v out=DIR -f bench/gen.awk
# writes DIR/invoices.csv (n rows) and DIR/payments.csv (about 1.2 rows per
# invoice: most paid in full, some in parts, some not at all).
BEGIN {
	srand(2026)
	if (n == 0) n = 1000
	split("上海某某食品有限公司,Acme Beverages,北京星辰科技,Globex Motors,广州美妆集团,Initech Software,深圳云端网络,Umbrella Pharma,杭州茶叶股份,Stark Outdoor", cl, ",")
	split("王小明,李娜,Chen Wei,Zhang Min,Liu Yang,Sarah Lee", ae, ",")
	inv = out "/invoices.csv"; pay = out "/payments.csv"
	print "invoice,client,issued,due,terms,amount,currency,job,ae,note" > inv
	print "invoice,date,amount,currency,method" > pay
	for (i = 1; i <= n; i++) {
		d = int(rand() * 730)
		y = 2025 + int(d / 365); doy = d % 365
		m = int(doy / 31) + 1; if (m > 12) m = 12
		dd = doy % 28 + 1
		issued = sprintf("%04d-%02d-%02d", y, m, dd)
		terms = (rand() < 0.7) ? 30 : 60
		cents = int(rand() * 50000000) + 100
		cur = (i % 17 == 0) ? "USD" : "CNY"
		amount = sprintf("%d.%02d", int(cents / 100), cents % 100)
		c = cl[i % 10 + 1]
		note = (i % 50 == 0) ? "\"rush, reprint\"" : ""
		printf "INV-%07d,%s,%s,,%d,%s,%s,J%05d,%s,%s\n", i, c, issued, terms, amount, cur, i % 40000, ae[i % 6 + 1], note > inv
		r = rand()
		pm = m + 1; py = y; if (pm > 12) { pm = 1; py++ }
		pdate = sprintf("%04d-%02d-%02d", py, pm, dd)
		if (r < 0.6) {
			printf "INV-%07d,%s,%s,%s,transfer\n", i, pdate, amount, cur > pay
		} else if (r < 0.8) {
			half = int(cents / 2)
			printf "INV-%07d,%s,%d.%02d,%s,transfer\n", i, pdate, int(half / 100), half % 100, cur > pay
			if (rand() < 0.5) {
				rest = cents - half
				printf "INV-%07d,%s,%d.%02d,%s,cheque\n", i, sprintf("%04d-%02d-%02d", py, pm, 28), int(rest / 100), rest % 100, cur > pay
			}
		}
	}
}
