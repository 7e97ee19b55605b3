/*
 * sxsh demo: placeholder until the command is written; exits with an error.
 */
#include "cli/cli.h"

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	fprintf(stderr, "sxsh demo: not available yet\n");
	return EXIT_USER;
}
