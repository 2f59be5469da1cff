#!/bin/sh
# agenda on a 1,000-item meeting, and render on 100,000 small records.
# The meeting is a good one (sent in time to both sides), so that
# agenda --check runs every rule and passes.
. bench/lib.sh
items=${AGENDA_ITEMS:-1000}
n=${RENDER_N:-100000}
d="$BENCH_DIR/render"
mkdir -p "$d"
if [ ! -f "$d/agenda-$items.json" ]; then
	awk -v n="$items" 'BEGIN {
		split("陈晓,吴斌,林嘉怡,Zhang Min,Sarah Lee", who, ",")
		split("decision,discussion,info,approval", kind, ",")
		printf "{\"id\":\"M-BENCH\",\"title\":\"年度计划会\",\"client\":\"海棠乳业\",\"agency\":\"星火广告\",\"start\":\"2026-11-03T09:00:00+08:00\",\"duration\":%d,\"chair\":\"陈晓\",\"attendees\":[\"陈晓 <chen@example.cn>\",\"吴斌\"],\"previous\":[\"预算维持\"],\"sent\":\"2026-11-02T10:00:00+08:00\",\"sent_to\":[{\"name\":\"王立\",\"org\":\"海棠乳业\"},{\"name\":\"陈晓\",\"org\":\"星火广告\"}],\"items\":[\n", n * 3
		for (i = 1; i <= n; i++)
			printf "{\"topic\":\"议题 %d：媒介排期第 %d 部分\",\"owner\":\"%s\",\"minutes\":%d,\"kind\":\"%s\",\"contentious\":%s,\"notes\":\"备注 %d\"}%s\n", i, i, who[i % 5 + 1], i % 3 + 1, kind[i % 4 + 1], (i % 7 == 0) ? "true" : "false", i, (i < n) ? "," : ""
		print "]}"
	}' >"$d/agenda-$items.json"
fi
if [ ! -f "$d/records-$n.csv" ]; then
	awk -v n="$n" 'BEGIN {
		split("上海某某食品有限公司,Acme Beverages,北京星辰科技,Globex Motors", cl, ",")
		print "id,name,client,amount,due"
		for (i = 1; i <= n; i++)
			printf "C-%06d,联系人 %d,%s,%d.%02d,2026-%02d-%02d\n", i, i, cl[i % 4 + 1], i * 7 % 100000, i % 100, i % 12 + 1, i % 28 + 1
	}' >"$d/records-$n.csv"
	awk -F, 'NR > 1 { printf "{\"id\":\"%s\",\"name\":\"%s\",\"client\":\"%s\",\"amount\":\"%s\",\"due\":\"%s\"}\n", $1, $2, $3, $4, $5 }' \
		"$d/records-$n.csv" >"$d/records-$n.jsonl"
	printf '{{id}}\t{{name}}（{{client}}）应收 {{amount}}，到期 {{due}}\n' >"$d/line.mustache"
	printf '{{#records}}{{id}} {{name}}\n{{/records}}' >"$d/all.mustache"
fi
m="$d/agenda-$items.json"
echo "input: one meeting of $items items ($(wc -c <"$m") bytes); $n records"
measure "agenda -f md ($items items)" "$items" agenda --as-of 2026-11-01 "$m"
measure "agenda -f text ($items items)" "$items" agenda -f text --as-of 2026-11-01 "$m"
measure "agenda -f json ($items items)" "$items" agenda -f json --as-of 2026-11-01 "$m"
measure "agenda -f ics ($items items)" "$items" agenda -f ics --as-of 2026-11-01 "$m"
measure "agenda --check ($items items)" "$items" agenda --check --as-of 2026-11-01 "$m"
measure "render per record (csv)" "$n" render --no-escape "$d/line.mustache" "$d/records-$n.csv"
measure "render per record (json)" "$n" render --no-escape "$d/line.mustache" "$d/records-$n.jsonl"
measure "render --all (csv)" "$n" render --all --no-escape "$d/all.mustache" "$d/records-$n.csv"
measure "mlr --icsv --ojsonl cat (for scale)" "$n" mlr --icsv --ojsonl cat "$d/records-$n.csv"
