/*
 * sxsh: one executable for the web server, the JSON API and the command
 * line.  Everything starts in the command table (cli/cli.c).
 */
#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
