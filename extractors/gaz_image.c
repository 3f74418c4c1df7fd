/* gaz_image.c: opening and validating a compiled gazetteer image.
 *
 * The image is mapped read-only (MAP_PRIVATE, PROT_READ) and shared by every
 * thread.  Validation happens once, here: magic, format version, header
 * size, file size, checksum, then section bounds, every entry/variant index
 * and every string offset.  After that the matcher indexes the arrays without
 * further checks.  A refused image leaves nothing mapped and says why. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gaz_image.h"

static const char *const kind_names[] = {
#define X(e, s) [GAZ_KIND_##e] = s,
	GAZ_KINDS(X)
#undef X
};

const char *gaz_kind_name(enum gaz_kind k)
{
	return (unsigned)k < GAZ_KIND__COUNT ? kind_names[k] : "unknown";
}

bool gaz_kind_parse(const char *s, size_t n, enum gaz_kind *k)
{
	for (int i = 0; i < GAZ_KIND__COUNT; i++) {
		if (strlen(kind_names[i]) == n && !memcmp(kind_names[i], s, n)) {
			*k = (enum gaz_kind)i;
			return true;
		}
	}
	return false;
}

static bool section_ok(const struct gaz_header *h, uint64_t off, uint64_t count, size_t size)
{
	if (off < h->header_size || off % 8 || off > h->file_size)
		return false;
	if (count && size > (h->file_size - off) / count)
		return false;
	return true;
}

static bool str_ok(uint64_t strings_size, uint32_t off)
{
	return off < strings_size;
}

void gaz_slot_summarize(struct gaz_slot *s, const struct gaz_variant *v, size_t n)
{
	bool uniform = true;
	unsigned nent = 0, nemit = 0;
	s->flags &= GAZ_SLOT_PREFIX;
	s->kinds = 0;
	s->entry = n ? v[0].entry : 0;
	s->cap_mask = s->caps_mask = 0;
	s->nunits = 0;
	for (size_t k = 0; k < n; k++) {
		if (gaz_kind_emits((enum gaz_kind)v[k].kind, v[k].nunits)) {
			if (!(s->flags & GAZ_SLOT_EMIT))
				s->entry = v[k].entry;
			nemit += !(s->flags & GAZ_SLOT_EMIT) || v[k].entry != s->entry;
			s->flags |= GAZ_SLOT_EMIT;
		}
		s->kinds |= (uint16_t)(1u << v[k].kind);
		if (k == 0 || v[k].entry != v[k - 1].entry)
			nent++;
		if (v[k].nunits != v[0].nunits || v[k].cap_mask != v[0].cap_mask ||
		    v[k].caps_mask != v[0].caps_mask ||
		    (v[k].flags & GAZ_VAR_COMMON) != (v[0].flags & GAZ_VAR_COMMON))
			uniform = false;
	}
	s->nentries = (uint8_t)(nent > 255 ? 255 : nent);
	if (nemit == 1)
		s->flags |= GAZ_SLOT_EMIT1;
	if (n && uniform) {
		s->flags |= GAZ_SLOT_UNIFORM;
		if (v[0].flags & GAZ_VAR_COMMON)
			s->flags |= GAZ_SLOT_COMMON;
		s->cap_mask = v[0].cap_mask;
		s->caps_mask = v[0].caps_mask;
		s->nunits = v[0].nunits;
	}
}

/* Does slot s summarize its variants exactly as gaz_slot_summarize does?
 * The matcher trusts the summary instead of the variants. */
static bool slot_summary_ok(const struct gaz_image *img, const struct gaz_slot *s)
{
	struct gaz_slot want = *s;
	gaz_slot_summarize(&want, &img->variants[s->first_var], s->nvar);
	return s->flags == want.flags && s->kinds == want.kinds && s->entry == want.entry &&
	       s->nentries == want.nentries && s->cap_mask == want.cap_mask &&
	       s->caps_mask == want.caps_mask && s->nunits == want.nunits;
}

/* Check everything; on success fill img's section pointers. */
static int validate(struct gaz_image *img, char *err, size_t errlen)
{
	const struct gaz_header *h = (const void *)img->base;
	if (img->size < sizeof(*h) || memcmp(h->magic, GAZ_MAGIC, 8)) {
		snprintf(err, errlen, "not a gazetteer image (bad magic)");
		return -1;
	}
	if (h->format != GAZ_FORMAT_VERSION) {
		snprintf(err, errlen, "gazetteer image format %u, this build reads format %u "
		         "(recompile the image)", h->format, GAZ_FORMAT_VERSION);
		return -1;
	}
	if (h->header_size != sizeof(*h)) {
		snprintf(err, errlen, "gazetteer image header size mismatch");
		return -1;
	}
	if (h->file_size != img->size) {
		snprintf(err, errlen, "gazetteer image truncated or padded: header says %llu bytes, "
		         "file has %zu", (unsigned long long)h->file_size, img->size);
		return -1;
	}
	uint64_t sum = gaz_checksum(img->base + h->header_size, img->size - h->header_size);
	if (sum != h->checksum) {
		snprintf(err, errlen, "gazetteer image checksum mismatch (corrupt file)");
		return -1;
	}
	if (memchr(h->data_version, 0, sizeof(h->data_version)) == NULL ||
	    !section_ok(h, h->off_lists, h->nlists, sizeof(struct gaz_list_rec)) ||
	    !section_ok(h, h->off_entries, h->nentries, sizeof(struct gaz_entry_rec)) ||
	    !section_ok(h, h->off_slots, h->nslots, sizeof(struct gaz_slot)) ||
	    !section_ok(h, h->off_variants, h->nvariants, sizeof(struct gaz_variant)) ||
	    !section_ok(h, h->off_strings, h->strings_size, 1) || h->strings_size == 0 ||
	    h->filter_start_log2 < 9 || h->filter_start_log2 > GAZ_START_MAX_LOG2 ||
	    h->filter_lower_log2 < 6 || h->filter_lower_log2 > 30 ||
	    h->filter_word_log2 < 6 || h->filter_word_log2 > 30 ||
	    h->filter_single_lower_log2 < 6 || h->filter_single_lower_log2 > 30 ||
	    h->filter_lower2_log2 < 6 || h->filter_lower2_log2 > 30 ||
	    h->filter_lower_lc_log2 < 6 || h->filter_lower_lc_log2 > 30 ||
	    h->digits_max > GAZ_MAX_UNIT_BYTES ||
	    !section_ok(h, h->off_filter, 1, ((size_t)1 << (h->filter_start_log2 - 3)) +
	                                     ((size_t)1 << (h->filter_lower_log2 - 3)) +
	                                     ((size_t)1 << (h->filter_word_log2 - 3)) +
	                                     ((size_t)1 << (h->filter_single_lower_log2 - 3)) +
	                                     ((size_t)1 << (h->filter_lower2_log2 - 3)) +
	                                     GAZ_DIGITS_BITS / 8 +
	                                     ((size_t)1 << (h->filter_lower_lc_log2 - 3))) ||
	    h->nslots == 0 || (h->nslots & (h->nslots - 1)) || h->nlists > 65535) {
		snprintf(err, errlen, "gazetteer image has bad section bounds");
		return -1;
	}
	img->hdr = h;
	img->lists = (const void *)(img->base + h->off_lists);
	img->entries = (const void *)(img->base + h->off_entries);
	img->slots = (const void *)(img->base + h->off_slots);
	img->variants = (const void *)(img->base + h->off_variants);
	img->strings = (const char *)img->base + h->off_strings;
	img->filter_start = (const void *)(img->base + h->off_filter);
	img->filter_lower = img->filter_start + ((size_t)1 << (h->filter_start_log2 - 6));
	img->filter_word = img->filter_lower + ((size_t)1 << (h->filter_lower_log2 - 6));
	img->filter_single_lower = img->filter_word + ((size_t)1 << (h->filter_word_log2 - 6));
	img->filter_lower2 =
		img->filter_single_lower + ((size_t)1 << (h->filter_single_lower_log2 - 6));
	img->digits = img->filter_lower2 + ((size_t)1 << (h->filter_lower2_log2 - 6));
	img->filter_lower_lc = img->digits + GAZ_DIGITS_BITS / 64;
	if (img->strings[h->strings_size - 1] != 0) {
		snprintf(err, errlen, "gazetteer image string pool is not terminated");
		return -1;
	}
	for (uint32_t i = 0; i < h->nlists; i++) {
		const struct gaz_list_rec *l = &img->lists[i];
		if (!str_ok(h->strings_size, l->name) || !str_ok(h->strings_size, l->source) ||
		    !str_ok(h->strings_size, l->licence) || !str_ok(h->strings_size, l->file) ||
		    l->kind >= GAZ_KIND__COUNT)
			goto bad;
	}
	for (uint32_t i = 0; i < h->nentries; i++) {
		const struct gaz_entry_rec *e = &img->entries[i];
		if (!str_ok(h->strings_size, e->canonical) || !str_ok(h->strings_size, e->type) ||
		    !str_ok(h->strings_size, e->kb_id) || !str_ok(h->strings_size, e->attrs) ||
		    e->list >= h->nlists || e->kind >= GAZ_KIND__COUNT || !(e->weight > 0))
			goto bad;
	}
	for (uint32_t i = 0; i < h->nvariants; i++) {
		const struct gaz_variant *v = &img->variants[i];
		if (v->entry >= h->nentries || v->nunits == 0 || v->nunits > GAZ_MAX_UNITS ||
		    v->kind != img->entries[v->entry].kind || (v->cap_mask >> v->nunits) ||
		    (v->caps_mask >> v->nunits))
			goto bad;
	}
	for (uint32_t i = 0; i < h->nslots; i++) {
		const struct gaz_slot *s = &img->slots[i];
		/* the variants of a slot a few ahead, in bounds or not (a
		 * prefetch never faults): slots are in hash order, variants not */
		if (i + 16 < h->nslots && img->slots[i + 16].nvar &&
		    img->slots[i + 16].first_var < h->nvariants)
			__builtin_prefetch(&img->variants[img->slots[i + 16].first_var]);
		if (s->hash && ((uint64_t)s->first_var + s->nvar > h->nvariants))
			goto bad;
		if (s->hash && !slot_summary_ok(img, s)) {
			snprintf(err, errlen, "gazetteer image has a slot that does not match its "
			         "variants");
			return -1;
		}
	}
	return 0;
bad:
	snprintf(err, errlen, "gazetteer image has an out-of-range index");
	return -1;
}

struct gaz_image *gaz_image_from_buffer(void *buf, size_t size, char *err, size_t errlen)
{
	struct gaz_image *img = calloc(1, sizeof(*img));
	if (!img) {
		free(buf);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	img->base = buf;
	img->size = size;
	if (validate(img, err, errlen) < 0) {
		gaz_image_free(img);
		return NULL;
	}
	return img;
}

struct gaz_image *gaz_image_open(const char *path, char *err, size_t errlen)
{
	struct gaz_image *img = NULL;
	char why[256];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open gazetteer image %s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || st.st_size <= 0) {
		snprintf(err, errlen, "gazetteer image %s: empty or unreadable", path);
		goto out;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "cannot map gazetteer image %s: %s", path, strerror(errno));
		goto out;
	}
	img = calloc(1, sizeof(*img));
	if (!img) {
		munmap(p, (size_t)st.st_size);
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	img->base = p;
	img->size = (size_t)st.st_size;
	img->mapped = true;
	if (validate(img, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "refusing gazetteer image %s: %s", path, why);
		gaz_image_free(img);
		img = NULL;
	}
out:
	close(fd);
	return img;
}

void gaz_image_free(struct gaz_image *img)
{
	if (!img)
		return;
	if (img->mapped)
		munmap((void *)img->base, img->size);
	else
		free((void *)img->base);
	free(img);
}

