/* compile.c: `extractd compile`, the gazetteer compiler for users' own lists.
 *
 *   extractd compile [-o IMAGE] [-V VERSION] PATH...   compile TSV files/dirs
 *   extractd compile --check IMAGE...                  validate images
 *
 * PATH is a TSV list (gazetteers/README.md) or a directory of them (every
 * *.tsv, in name order).  The image is written atomically (temp file +
 * rename), so a daemon reading IMAGE on reload sees the old or the new file,
 * never half of one.  A broken list stops the compile with "file:line:
 * reason" and exit code 1; nothing is written. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gaz_image.h"
#include "gazetteer.h"

int cli_compile(int argc, char **argv);

static int check_images(int argc, char **argv)
{
	int rc = 0;
	for (int i = 0; i < argc; i++) {
		char err[512];
		struct gaz_image *img = gaz_image_open(argv[i], err, sizeof(err));
		if (!img) {
			fprintf(stderr, "extractd compile: %s\n", err);
			rc = 1;
			continue;
		}
		printf("%s: ok, format %u, version %s, %u lists, %u entries, %u keys\n", argv[i],
		       img->hdr->format, img->hdr->data_version, img->hdr->nlists,
		       img->hdr->nentries, img->hdr->nvariants);
		for (uint32_t l = 0; l < img->hdr->nlists; l++) {
			const struct gaz_list_rec *r = &img->lists[l];
			printf("  %-24s %-13s %8u  %s\n", gaz_str(img, r->name),
			       gaz_kind_name((enum gaz_kind)r->kind), r->nentries,
			       gaz_str(img, r->licence));
		}
		gaz_image_free(img);
	}
	return rc;
}

int cli_compile(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "version", required_argument, NULL, 'V' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = GAZ_IMAGE_NAME, *version = NULL;
	bool check = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:V:ch", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'V': version = optarg; break;
		case 'c': check = true; break;
		case 'h':
			printf("usage: extractd compile [-o IMAGE] [-V VERSION] LIST.tsv|DIR...\n"
			       "       extractd compile --check IMAGE...\n");
			return 0;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "extractd compile: no input (try --help)\n");
		return 2;
	}
	if (check)
		return check_images(argc - optind, argv + optind);

	char err[1024];
	int rc = 1;
	void *buf = NULL;
	size_t len = 0;
	struct gaz_compiler *comp = gaz_compiler_new();
	if (!comp) {
		fprintf(stderr, "extractd compile: out of memory\n");
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		struct stat st;
		int r;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			r = gaz_compiler_add_dir(comp, argv[i], err, sizeof(err));
		else
			r = gaz_compiler_add_file(comp, argv[i], err, sizeof(err));
		if (r < 0) {
			fprintf(stderr, "extractd compile: %s\n", err);
			goto out;
		}
	}
	if (gaz_compiler_build(comp, version, &buf, &len, err, sizeof(err)) < 0 ||
	    gaz_write_file(out, buf, len, err, sizeof(err)) < 0) {
		fprintf(stderr, "extractd compile: %s\n", err);
		goto out;
	}
	const struct gaz_header *h = buf;
	printf("%s: %u entries, %u keys, %zu bytes, version %s\n", out, h->nentries,
	       h->nvariants, len, h->data_version);
	rc = 0;
out:
	free(buf);
	gaz_compiler_free(comp);
	return rc;
}
