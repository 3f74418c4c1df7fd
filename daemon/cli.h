/* cli.h: the extractd command line: `serve`, `extract`, `version`, `help`.
 * Subcommands are rows of one dispatch table in cli.c; each row owns its own
 * option parsing and returns the process exit code (0 ok, 1 runtime failure,
 * 2 usage error). */
#ifndef EXTRACTD_CLI_H
#define EXTRACTD_CLI_H

/* Run the command line; returns the exit code for main(). */
int cli_main(int argc, char **argv);

#endif
