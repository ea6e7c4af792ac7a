/*
 * spandsp_v27ter_v29.c - libspandsp (0.0.6 public API) as a second opinion on faxgw's V.27ter and
 * V.29 modems.
 *
 * Written for faxgw's tests against the declarations in /usr/include/spandsp/{v29rx,v29tx,
 * v27ter_rx,v27ter_tx}.h. Audio files are raw 16-bit little-endian 8 kHz mono; bit files are text,
 * one '0' or '1' per bit. MODEM is "v29" or "v27ter".
 *
 *   spandsp_v27ter_v29 decode MODEM RATE IN.raw OUT.bits
 *       The spandsp receiver at RATE (signal cutoff -45.5 dBm0, as fax front ends set it) over the
 *       file; every data bit after training goes to OUT.bits. Prints "STATUS <name>" lines and
 *       "END bits=<n>".
 *   spandsp_v27ter_v29 encode MODEM RATE LEVEL_DBM0 IN.bits OUT.raw
 *       The spandsp transmitter at LEVEL_DBM0 sending the bits of IN.bits (training first), framed
 *       by 100 ms of silence. Prints "END sent=<n>".
 *   spandsp_v27ter_v29 time MODEM RATE IN.raw REPEATS
 *       Runs the receiver over the file REPEATS times; prints "NS_PER_SAMPLE <x>" (thread CPU
 *       time, CLOCK_THREAD_CPUTIME_ID, around the receive calls).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <spandsp.h>

#define BLOCK 160

static FILE *bits_out;
static long bits_written;
static int quiet;
static char *in_bits;
static long in_bits_len;
static long in_bits_pos;

static int16_t *load_raw(const char *path, long *samples)
{
    FILE *f = fopen(path, "rb");
    long len;
    long i;
    unsigned char *bytes;
    int16_t *amp;

    if (f == NULL)
    {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
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

static void store_raw(FILE *f, const int16_t *amp, int n)
{
    int i;

    for (i = 0; i < n; i++)
    {
        putc(amp[i] & 0xFF, f);
        putc((amp[i] >> 8) & 0xFF, f);
    }
}

static void on_bit(void *user_data, int bit)
{
    (void) user_data;
    if (bit < 0)
    {
        /* spandsp 0.0.6 reports status changes through put_bit when no status handler is set */
        if (!quiet)
            printf("STATUS %s\n", signal_status_to_str(bit));
        return;
    }
    if (bits_out != NULL)
        putc((bit & 1) ? '1' : '0', bits_out);
    bits_written++;
}

static int next_bit(void *user_data)
{
    (void) user_data;
    if (in_bits_pos >= in_bits_len)
        return SIG_STATUS_END_OF_DATA;
    return in_bits[in_bits_pos++] == '1';
}

/* A receiver of either kind behind one small interface */
typedef struct
{
    int v29;
    int rate;
    v29_rx_state_t *v29rx;
    v27ter_rx_state_t *v27rx;
} receiver_t;

static void receiver_open(receiver_t *r, int v29, int rate)
{
    r->v29 = v29;
    r->rate = rate;
    if (v29)
    {
        r->v29rx = v29_rx_init(NULL, rate, on_bit, NULL);
        v29_rx_signal_cutoff(r->v29rx, -45.5f);
    }
    else
    {
        r->v27rx = v27ter_rx_init(NULL, rate, on_bit, NULL);
        v27ter_rx_signal_cutoff(r->v27rx, -45.5f);
    }
}

static void receiver_restart(receiver_t *r)
{
    if (r->v29)
        v29_rx_restart(r->v29rx, r->rate, 0);
    else
        v27ter_rx_restart(r->v27rx, r->rate, 0);
}

static void receiver_feed(receiver_t *r, const int16_t *amp, int n)
{
    if (r->v29)
        v29_rx(r->v29rx, amp, n);
    else
        v27ter_rx(r->v27rx, amp, n);
}

static void receiver_close(receiver_t *r)
{
    if (r->v29)
        v29_rx_free(r->v29rx);
    else
        v27ter_rx_free(r->v27rx);
}

static int is_v29(const char *modem)
{
    if (strcmp(modem, "v29") == 0)
        return 1;
    if (strcmp(modem, "v27ter") == 0)
        return 0;
    fprintf(stderr, "modem must be v29 or v27ter: %s\n", modem);
    exit(1);
}

static int do_decode(int v29, int rate, const char *in, const char *out)
{
    long n;
    long i;
    int16_t *amp = load_raw(in, &n);
    receiver_t r;

    if ((bits_out = fopen(out, "w")) == NULL)
    {
        fprintf(stderr, "cannot write %s\n", out);
        return 2;
    }
    receiver_open(&r, v29, rate);
    for (i = 0; i + BLOCK <= n; i += BLOCK)
        receiver_feed(&r, amp + i, BLOCK);
    fclose(bits_out);
    printf("END bits=%ld\n", bits_written);
    receiver_close(&r);
    free(amp);
    return 0;
}

static int do_encode(int v29, int rate, float level, const char *in, const char *out)
{
    FILE *f = fopen(in, "r");
    FILE *o;
    int16_t amp[BLOCK];
    int16_t silence[800];
    long cap = 1 << 16;
    int c;
    int n;
    v29_tx_state_t *t29 = NULL;
    v27ter_tx_state_t *t27 = NULL;

    if (f == NULL)
    {
        fprintf(stderr, "cannot open %s\n", in);
        return 2;
    }
    in_bits = malloc(cap);
    while ((c = getc(f)) != EOF)
    {
        if (c != '0' && c != '1')
            continue;
        if (in_bits_len == cap)
        {
            cap *= 2;
            in_bits = realloc(in_bits, cap);
        }
        in_bits[in_bits_len++] = (char) c;
    }
    fclose(f);
    if ((o = fopen(out, "wb")) == NULL)
    {
        fprintf(stderr, "cannot write %s\n", out);
        return 2;
    }
    memset(silence, 0, sizeof(silence));
    store_raw(o, silence, 800);
    if (v29)
    {
        t29 = v29_tx_init(NULL, rate, 0, next_bit, NULL);
        v29_tx_power(t29, level);
    }
    else
    {
        t27 = v27ter_tx_init(NULL, rate, 0, next_bit, NULL);
        v27ter_tx_power(t27, level);
    }
    do
    {
        n = v29  ?  v29_tx(t29, amp, BLOCK)  :  v27ter_tx(t27, amp, BLOCK);
        if (n > 0)
            store_raw(o, amp, n);
    }
    while (n == BLOCK);
    store_raw(o, silence, 800);
    fclose(o);
    printf("END sent=%ld\n", in_bits_pos);
    if (v29)
        v29_tx_free(t29);
    else
        v27ter_tx_free(t27);
    return 0;
}

static int do_time(int v29, int rate, const char *in, int repeats)
{
    long n;
    long i;
    int k;
    int16_t *amp = load_raw(in, &n);
    receiver_t r;
    struct timespec t0;
    struct timespec t1;
    double ns;

    quiet = 1;
    receiver_open(&r, v29, rate);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    for (k = 0; k < repeats; k++)
    {
        receiver_restart(&r);
        for (i = 0; i + BLOCK <= n; i += BLOCK)
            receiver_feed(&r, amp + i, BLOCK);
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    ns = (t1.tv_sec - t0.tv_sec)*1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("NS_PER_SAMPLE %.2f\n", ns/((double) n*repeats));
    receiver_close(&r);
    free(amp);
    return 0;
}

int main(int argc, char *argv[])
{
    if (argc == 6 && strcmp(argv[1], "decode") == 0)
        return do_decode(is_v29(argv[2]), atoi(argv[3]), argv[4], argv[5]);
    if (argc == 7 && strcmp(argv[1], "encode") == 0)
        return do_encode(is_v29(argv[2]), atoi(argv[3]), (float) atof(argv[4]), argv[5], argv[6]);
    if (argc == 6 && strcmp(argv[1], "time") == 0)
        return do_time(is_v29(argv[2]), atoi(argv[3]), argv[4], atoi(argv[5]));
    fprintf(stderr, "usage: see the comment at the top of spandsp_v27ter_v29.c\n");
    return 1;
}
