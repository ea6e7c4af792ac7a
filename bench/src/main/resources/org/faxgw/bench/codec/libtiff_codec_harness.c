/*
 * libtiff's side of `faxgw bench codec`, written for faxgw against the public libtiff API.
 *
 * usage: libtiff_codec_harness in.tif reps
 *
 * Reads the uncompressed pages of in.tif into memory once. Then, for MH, MR and MMR and each of
 * `reps` passes (after one untimed pass), it encodes every page into a TIFF held in memory (TIFFClientOpen on a buffer, no
 * file) and decodes that TIFF back into page buffers allocated before the pass. Encode and decode
 * are timed apart with the process CPU clock; the decoded pages are compared with the originals
 * after the timed part. Prints one line per coding with the medians:
 *
 *   CODEC MMR pages=100 bytes=123456 encode_s=0.123456 decode_s=0.123456 mismatched=0
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tiffio.h>

typedef struct {
  uint32_t w, h;
  float xr, yr;
  tmsize_t size;
  unsigned char *data;
} Page;

/* A TIFF "file" in memory: libtiff reads and writes it through the procs below. */
typedef struct {
  unsigned char *data;
  tmsize_t size, cap, pos;
} MemFile;

static tmsize_t mem_read(thandle_t h, void *buf, tmsize_t n) {
  MemFile *m = (MemFile *)h;
  if (m->pos >= m->size) return 0;
  if (n > m->size - m->pos) n = m->size - m->pos;
  memcpy(buf, m->data + m->pos, (size_t)n);
  m->pos += n;
  return n;
}

static tmsize_t mem_write(thandle_t h, void *buf, tmsize_t n) {
  MemFile *m = (MemFile *)h;
  if (m->pos + n > m->cap) {
    tmsize_t cap = m->cap * 2;
    while (cap < m->pos + n) cap *= 2;
    unsigned char *grown = realloc(m->data, (size_t)cap);
    if (!grown) return -1;
    m->data = grown;
    m->cap = cap;
  }
  memcpy(m->data + m->pos, buf, (size_t)n);
  m->pos += n;
  if (m->pos > m->size) m->size = m->pos;
  return n;
}

static toff_t mem_seek(thandle_t h, toff_t off, int whence) {
  MemFile *m = (MemFile *)h;
  tmsize_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
  tmsize_t to = base + (tmsize_t)off;
  if (to > m->cap) {
    /* a seek past the end is followed by a write: make room, zero-filled */
    tmsize_t cap = m->cap;
    while (cap < to) cap *= 2;
    unsigned char *grown = realloc(m->data, (size_t)cap);
    if (!grown) return (toff_t)-1;
    memset(grown + m->cap, 0, (size_t)(cap - m->cap));
    m->data = grown;
    m->cap = cap;
  }
  m->pos = to;
  return (toff_t)to;
}

static int mem_close(thandle_t h) {
  (void)h;
  return 0;
}

static toff_t mem_size(thandle_t h) { return (toff_t)((MemFile *)h)->size; }

static int mem_map(thandle_t h, void **base, toff_t *size) {
  MemFile *m = (MemFile *)h;
  *base = m->data;
  *size = (toff_t)m->size;
  return 1;
}

static void mem_unmap(thandle_t h, void *base, toff_t size) {
  (void)h;
  (void)base;
  (void)size;
}

static TIFF *mem_open(MemFile *m, const char *mode) {
  m->pos = 0;
  return TIFFClientOpen("memory", mode, (thandle_t)m, mem_read, mem_write, mem_seek, mem_close,
                        mem_size, mem_map, mem_unmap);
}

static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmpd(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void quiet(const char *m, const char *f, va_list ap) {
  (void)m;
  (void)f;
  (void)ap;
}

static int load(const char *path, Page **pages) {
  TIFF *in = TIFFOpen(path, "r");
  if (!in) return -1;
  int n = 0, cap = 16;
  Page *p = malloc(sizeof(Page) * cap);
  do {
    if (n == cap) {
      cap *= 2;
      p = realloc(p, sizeof(Page) * cap);
    }
    Page *q = &p[n];
    TIFFGetField(in, TIFFTAG_IMAGEWIDTH, &q->w);
    TIFFGetField(in, TIFFTAG_IMAGELENGTH, &q->h);
    if (!TIFFGetField(in, TIFFTAG_XRESOLUTION, &q->xr)) q->xr = 204;
    if (!TIFFGetField(in, TIFFTAG_YRESOLUTION, &q->yr)) q->yr = 196;
    q->size = TIFFScanlineSize(in) * (tmsize_t)q->h;
    q->data = malloc((size_t)q->size);
    tmsize_t off = 0;
    for (uint32_t s = 0; s < TIFFNumberOfStrips(in); s++) {
      tmsize_t got = TIFFReadEncodedStrip(in, s, q->data + off, q->size - off);
      if (got < 0) return -1;
      off += got;
    }
    n++;
  } while (TIFFReadDirectory(in));
  TIFFClose(in);
  *pages = p;
  return n;
}

static void encode(MemFile *m, const Page *p, int n, int coding) {
  m->size = 0;
  TIFF *out = mem_open(m, "w");
  for (int i = 0; i < n; i++) {
    TIFFSetField(out, TIFFTAG_IMAGEWIDTH, p[i].w);
    TIFFSetField(out, TIFFTAG_IMAGELENGTH, p[i].h);
    TIFFSetField(out, TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(out, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(out, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    TIFFSetField(out, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(out, TIFFTAG_ROWSPERSTRIP, p[i].h);
    TIFFSetField(out, TIFFTAG_XRESOLUTION, p[i].xr);
    TIFFSetField(out, TIFFTAG_YRESOLUTION, p[i].yr);
    TIFFSetField(out, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(out, TIFFTAG_COMPRESSION, coding == 2 ? COMPRESSION_CCITTFAX4 : COMPRESSION_CCITTFAX3);
    if (coding < 2)
      TIFFSetField(out, TIFFTAG_GROUP3OPTIONS,
                   (coding == 1 ? GROUP3OPT_2DENCODING : 0) | GROUP3OPT_FILLBITS);
    TIFFWriteEncodedStrip(out, 0, p[i].data, p[i].size);
    TIFFWriteDirectory(out);
  }
  TIFFClose(out);
}

/* Decodes the TIFF in m into back[]; returns the bytes of coded data it held. */
static long decode(MemFile *m, const Page *p, int n, unsigned char **back) {
  TIFF *rd = mem_open(m, "r");
  long bytes = 0;
  int i = 0;
  do {
    uint64_t *bc;
    TIFFGetField(rd, TIFFTAG_STRIPBYTECOUNTS, &bc);
    bytes += (long)bc[0];
    if (TIFFReadEncodedStrip(rd, 0, back[i], p[i].size) != p[i].size) memset(back[i], 0xA5, 1);
    i++;
  } while (TIFFReadDirectory(rd) && i < n);
  TIFFClose(rd);
  return bytes;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: libtiff_codec_harness in.tif reps\n");
    return 2;
  }
  TIFFSetWarningHandler(quiet);
  Page *p;
  int n = load(argv[1], &p);
  int reps = atoi(argv[2]);
  if (n <= 0 || reps <= 0) return 1;
  unsigned char **back = malloc(sizeof(unsigned char *) * n);
  for (int i = 0; i < n; i++) back[i] = malloc((size_t)p[i].size);
  MemFile m = {malloc(1 << 20), 0, 1 << 20, 0};
  const char *names[] = {"MH", "MR", "MMR"};
  for (int c = 0; c < 3; c++) {
    double *te = malloc(sizeof(double) * reps), *td = malloc(sizeof(double) * reps);
    long bytes = 0, bad = 0;
    for (int r = -1; r < reps; r++) { /* r = -1: one untimed warm-up pass */
      for (int i = 0; i < n; i++) memset(back[i], 0, (size_t)p[i].size);
      double t0 = cpu();
      encode(&m, p, n, c);
      double t1 = cpu();
      bytes = decode(&m, p, n, back);
      double t2 = cpu();
      if (r >= 0) {
        te[r] = t1 - t0;
        td[r] = t2 - t1;
      }
      for (int i = 0; i < n; i++) /* checked outside the timed part */
        if (memcmp(back[i], p[i].data, (size_t)p[i].size) != 0) bad++;
    }
    qsort(te, reps, sizeof(double), cmpd);
    qsort(td, reps, sizeof(double), cmpd);
    printf("CODEC %s pages=%d bytes=%ld encode_s=%.6f decode_s=%.6f mismatched=%ld\n", names[c], n,
           bytes, te[reps / 2], td[reps / 2], bad);
    free(te);
    free(td);
  }
  return 0;
}
