/* A program built on the installed libaekit: parse an amount, print it. */
#include <stdio.h>
#include <aekit/money.h>

int
main(int argc, char **argv)
{
	struct ae_error err;
	int64_t fen;
	char buf[MONEY_BUFSIZE];

	if (argc != 2 || money_parse(argv[1], 2, "CNY", &fen, &err) != 0) {
		fprintf(stderr, "amount: %s\n", argc == 2 ? err.text : "usage");
		return 65;
	}
	money_format(fen, 2, 1, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}
