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
#include <spandsp.h>
#include "spandsp_audio.h"

static FILE *bits_out;
static long bits_written;
static int quiet;
static char *in_bits;
static long in_bits_len;
static long in_bits_pos;

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
    int16_t *amp = audio_load(in, &n);
    receiver_t r;

    bits_out = audio_open(out, "w");
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
    FILE *o;
    int16_t amp[BLOCK];
    int n;
    v29_tx_state_t *t29 = NULL;
    v27ter_tx_state_t *t27 = NULL;

    in_bits = bits_load(in, &in_bits_len);
    o = audio_open(out, "wb");
    audio_silence(o, 800);
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
            audio_store(o, amp, n);
    }
    while (n == BLOCK);
    audio_silence(o, 800);
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
    int16_t *amp = audio_load(in, &n);
    receiver_t r;
    double t0;

    quiet = 1;
    receiver_open(&r, v29, rate);
    t0 = thread_cpu_ns();
    for (k = 0; k < repeats; k++)
    {
        receiver_restart(&r);
        for (i = 0; i + BLOCK <= n; i += BLOCK)
            receiver_feed(&r, amp + i, BLOCK);
    }
    printf("NS_PER_SAMPLE %.2f\n", (thread_cpu_ns() - t0)/((double) n*repeats));
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
