/* main.c: extractd's entry point; everything lives in libfront (cli.c) so the
 * tests link the same code. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
