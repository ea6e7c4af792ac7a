/*
 * spandsp_audio.h - the audio and bit-file I/O the spandsp harnesses of faxgw's tests share.
 *
 * Audio files are raw 16-bit little-endian 8 kHz mono, handled in blocks of BLOCK samples (20 ms);
 * bit files are text, one '0' or '1' per bit (other characters are skipped). Every function is
 * static inline, so a harness compiles alone (gcc file.c) and uses only what it needs. A file that
 * cannot be opened or read ends the program with exit status 2 and a message on stderr.
 */
#ifndef FAXGW_SPANDSP_AUDIO_H
#define FAXGW_SPANDSP_AUDIO_H

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* 20 ms at 8 kHz: the block every harness feeds and takes */
#define BLOCK 160

static inline FILE *audio_open(const char *path, const char *mode)
{
    FILE *f = fopen(path, mode);

    if (f == NULL)
    {
        fprintf(stderr, "cannot %s %s\n", mode[0] == 'r' ? "open" : "write", path);
        exit(2);
    }
    return f;
}

/* The whole file at PATH as samples; their number in *SAMPLES. The caller frees the array. */
static inline int16_t *audio_load(const char *path, long *samples)
{
    FILE *f = audio_open(path, "rb");
    long len;
    long i;
    uint8_t *bytes;
    int16_t *amp;

    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    bytes = malloc(len + 2);
    if (fread(bytes, 1, len, f) != (size_t) len)
    {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *samples = len / 2;
    amp = malloc(sizeof(int16_t) * (*samples + 1));
    for (i = 0; i < *samples; i++)
        amp[i] = (int16_t) (bytes[2*i] | (bytes[2*i + 1] << 8));
    free(bytes);
    return amp;
}

/* Writes N samples of AMP. */
static inline void audio_store(FILE *f, const int16_t *amp, int n)
{
    uint8_t raw[2*BLOCK];
    int done = 0;
    int k;
    int i;

    while (done < n)
    {
        k = (n - done < BLOCK) ? n - done : BLOCK;
        for (i = 0; i < k; i++)
        {
            raw[2*i] = (uint8_t) (amp[done + i] & 0xFF);
            raw[2*i + 1] = (uint8_t) ((amp[done + i] >> 8) & 0xFF);
        }
        fwrite(raw, 2, k, f);
        done += k;
    }
}

/* Writes N samples of silence. */
static inline void audio_silence(FILE *f, long n)
{
    int16_t zero[BLOCK];

    memset(zero, 0, sizeof(zero));
    while (n > 0)
    {
        audio_store(f, zero, n < BLOCK ? (int) n : BLOCK);
        n -= BLOCK;
    }
}

/* Reads up to BLOCK samples into AMP; returns how many (0 at the end of the file). */
static inline int audio_read(FILE *f, int16_t *amp)
{
    uint8_t raw[2*BLOCK];
    int got = (int) fread(raw, 2, BLOCK, f);
    int i;

    for (i = 0; i < got; i++)
        amp[i] = (int16_t) (raw[2*i] | (raw[2*i + 1] << 8));
    return got;
}

/* The '0'/'1' characters of the text file at PATH, their number in *LEN. The caller frees. */
static inline char *bits_load(const char *path, long *len)
{
    FILE *f = audio_open(path, "r");
    long cap = 1 << 16;
    char *bits = malloc(cap);
    int c;

    *len = 0;
    while ((c = getc(f)) != EOF)
    {
        if (c != '0' && c != '1')
            continue;
        if (*len == cap)
        {
            cap *= 2;
            bits = realloc(bits, cap);
        }
        bits[(*len)++] = (char) c;
    }
    fclose(f);
    return bits;
}

/* This thread's CPU time in nanoseconds (CLOCK_THREAD_CPUTIME_ID), for the timing runs. */
static inline double thread_cpu_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec*1e9 + t.tv_nsec;
}

#endif
