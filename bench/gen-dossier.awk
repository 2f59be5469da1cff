# A large agency's records folder for the dossier bench: N files (-v n=)
# under OUT (-v out=), fifty files a client, so the client the bench asks
# for ("华美食品", client 0) holds the same records whatever N is and the
# rest of the folder grows.  Minutes, memos, briefs and estimates are
# one pretty-printed JSON document a file; contacts, facts, jobs,
# invoices and payments are CSV tables of ten rows.
function client(c) { return c == 0 ? "华美食品" : sprintf("客户%04d", c) }
function day(k) { return sprintf("2026-%02d-%02d", k % 12 + 1, k % 28 + 1) }
function json_doc(path, c, k, kind,    cl) {
	cl = client(c)
	if (kind == "minutes") {
		printf "{\n  \"type\": \"minutes\",\n  \"id\": \"M-%d\",\n  \"client\": \"%s\",\n  \"title\": \"例会 %d\",\n  \"date\": \"%s\",\n  \"key\": %s,\n  \"distribution\": [\"王芳\", \"陈静\"],\n  \"decisions\": [{\"text\": \"按计划推进第%d项工作\"}, {\"text\": \"预算待确认\", \"sensitive\": true}],\n  \"actions\": [{\"what\": \"提交方案\", \"owner\": \"陈静\", \"due\": \"%s\"}]\n}\n", k, cl, k, day(k), (k % 5 == 0 ? "true" : "false"), k, day(k + 3) > path
	} else if (kind == "memo") {
		printf "{\n  \"type\": \"memo\",\n  \"client\": \"%s\",\n  \"to\": \"王芳\",\n  \"from\": \"陈静\",\n  \"date\": \"%s\",\n  \"subject\": \"工作进展 %d\",\n  \"body\": \"请查收附件。\"\n}\n", cl, day(k), k > path
	} else if (kind == "brief") {
		printf "{\n  \"type\": \"brief\",\n  \"kind\": \"creative\",\n  \"client\": \"%s\",\n  \"title\": \"简报 %d\",\n  \"date\": \"%s\",\n  \"proposition\": \"自然好味道\",\n  \"budget\": \"%d.00\",\n  \"approvals\": {\"client\": {\"name\": \"王芳\", \"date\": \"%s\"}}\n}\n", cl, k, day(k), 10000 + k, day(k) > path
	} else {
		printf "{\n  \"type\": \"estimate\",\n  \"estimate\": \"E-%d\",\n  \"client\": \"%s\",\n  \"currency\": \"CNY\",\n  \"date\": \"%s\",\n  \"tax\": \"6\",\n  \"lines\": [{\"item\": \"设计\", \"qty\": 2, \"rate\": \"1500.00\"}, {\"item\": \"制作\", \"amount\": \"%d.50\"}],\n  \"approved_by\": \"王芳\",\n  \"approved_on\": \"%s\"\n}\n", k, cl, day(k), 20000 + k, day(k) > path
	}
	close(path)
}
function csv_table(path, c, k, kind,    i, cl, id) {
	cl = client(c)
	if (kind == "contacts") {
		print "type,client,name,title,phone,email,reports_to,key,note" > path
		for (i = 0; i < 10; i++)
			printf "contact,%s,联系人%d-%d,经理,021-%07d,p%d@example.com,%s,%s,背景\n", cl, k, i, k * 10 + i, k * 10 + i, (i ? "联系人" k "-0" : ""), (i < 2 ? "true" : "false") > path
	} else if (kind == "facts") {
		print "type,client,section,title,date,text,source" > path
		for (i = 0; i < 10; i++)
			printf "fact,%s,%s,事实%d-%d,%s,内容,尼尔森\n", cl, (i % 2 ? "market" : "consumers"), k, i, day(k + i) > path
	} else if (kind == "jobs") {
		print "type,job,client,title,opened,status,closed" > path
		for (i = 0; i < 10; i++)
			printf "job,J%d-%d,%s,工作%d,%s,%s,%s\n", k, i, cl, i, day(k + i), (i % 3 ? "open" : "closed"), (i % 3 ? "" : "2026-12-01") > path
	} else if (kind == "invoices") {
		print "type,invoice,client,issued,amount,currency,job" > path
		for (i = 0; i < 10; i++)
			printf "invoice,INV-%d-%d,%s,%s,%d.00,CNY,J%d-%d\n", k, i, cl, day(k + i), 1000 + i * 37, k, i > path
	} else {
		print "type,invoice,date,amount" > path
		for (i = 0; i < 10; i++)
			printf "payment,INV-%d-%d,%s,%d.00\n", k - nclients, i, day(k + i + 5), 500 > path
	}
	close(path)
}
BEGIN {
	split("minutes minutes minutes minutes memo memo brief brief estimate estimate", jk, " ")
	split("contacts facts facts jobs invoices payments", ck, " ")
	nclients = int(n / 50)
	if (nclients < 1)
		nclients = 1
	for (k = 0; k < n; k++) {
		c = k % nclients
		dir = sprintf("%s/clients/%04d", out, c)
		if (k < nclients)
			system("mkdir -p '" dir "'")
		slot = int(k / nclients) % 16
		if (slot < 10)
			json_doc(sprintf("%s/%s-%d.json", dir, jk[slot + 1], k), c, k, jk[slot + 1])
		else
			csv_table(sprintf("%s/%s-%d.csv", dir, ck[slot - 9], k), c, k, ck[slot - 9])
	}
}
