/*
 * spandsp_v17.c - libspandsp (0.0.6 public API) as a second opinion on faxgw's V.17 modem.
 *
 * Written for faxgw's tests against the declarations in /usr/include/spandsp/{v17rx,v17tx,async}.h.
 * Audio files are raw 16-bit little-endian 8 kHz mono; bit files are text, one '0' or '1' per bit.
 *
 *   spandsp_v17 decode RATE SHORT IN.raw OUT.bits
 *       v17_rx at RATE (SHORT = 1 restarts for a short training after a first successful long one
 *       in the same file). Writes every data bit to OUT.bits; prints "STATUS <name>" lines and
 *       "END bits=<n>".
 *   spandsp_v17 encode RATE LEVEL_DBM0 IN.bits OUT.raw [TEP]
 *       v17_tx (long training; with TEP = 1 preceded by the talker echo protection tone) at
 *       LEVEL_DBM0 sending the bits of IN.bits, framed by 100 ms of silence.
 *   spandsp_v17 time RATE IN.raw REPEATS
 *       Runs v17_rx over the file REPEATS times; prints "NS_PER_SAMPLE <x>" (thread CPU time).
 */
#include <spandsp.h>
#include "spandsp_audio.h"

static FILE *bits_out = NULL;
static long bits_written = 0;
static int quiet = 0;
static int trained = 0;

static char *in_bits = NULL;
static long in_bits_len = 0;
static long in_bits_pos = 0;

static void put_bit(void *user_data, int bit)
{
    (void) user_data;
    if (bit < 0)
    {
        if (!quiet)
            printf("STATUS %s\n", signal_status_to_str(bit));
        if (bit == SIG_STATUS_TRAINING_SUCCEEDED)
            trained = 1;
        return;
    }
    if (bits_out)
        fputc((bit & 1) ? '1' : '0', bits_out);
    bits_written++;
}

static int get_bit(void *user_data)
{
    (void) user_data;
    if (in_bits_pos >= in_bits_len)
        return SIG_STATUS_END_OF_DATA;
    return in_bits[in_bits_pos++] == '1';
}

static int decode(int rate, int short_train, const char *in, const char *out)
{
    long n;
    long i;
    int16_t *amp = audio_load(in, &n);
    v17_rx_state_t *rx;
    int restarted = 0;

    bits_out = audio_open(out, "w");
    rx = v17_rx_init(NULL, rate, put_bit, NULL);
    v17_rx_signal_cutoff(rx, -45.5f);
    for (i = 0; i + BLOCK <= n; i += BLOCK)
    {
        v17_rx(rx, amp + i, BLOCK);
        if (short_train && trained && !restarted && v17_rx_signal_power(rx) < -50.0f)
        {
            /* first burst over: expect a short training next */
            v17_rx_restart(rx, rate, 1);
            restarted = 1;
        }
    }
    fclose(bits_out);
    printf("END bits=%ld\n", bits_written);
    v17_rx_free(rx);
    free(amp);
    return 0;
}

static int encode(int rate, float level, const char *in, const char *out, int tep)
{
    FILE *o;
    v17_tx_state_t *tx;
    int16_t amp[BLOCK];
    int n;

    in_bits = bits_load(in, &in_bits_len);
    o = audio_open(out, "wb");
    audio_silence(o, 800);
    tx = v17_tx_init(NULL, rate, tep, get_bit, NULL);
    v17_tx_power(tx, level);
    for (;;)
    {
        n = v17_tx(tx, amp, BLOCK);
        if (n > 0)
            audio_store(o, amp, n);
        if (n < BLOCK)
            break;
    }
    audio_silence(o, 800);
    fclose(o);
    printf("END sent=%ld\n", in_bits_pos);
    v17_tx_free(tx);
    return 0;
}

static int timing(int rate, const char *in, int repeats)
{
    long n;
    long i;
    int r;
    int16_t *amp = audio_load(in, &n);
    v17_rx_state_t *rx = v17_rx_init(NULL, rate, put_bit, NULL);
    double t0;

    quiet = 1;
    t0 = thread_cpu_ns();
    for (r = 0; r < repeats; r++)
    {
        v17_rx_restart(rx, rate, 0);
        for (i = 0; i + BLOCK <= n; i += BLOCK)
            v17_rx(rx, amp + i, BLOCK);
    }
    printf("NS_PER_SAMPLE %.2f\n", (thread_cpu_ns() - t0) / ((double) n * repeats));
    v17_rx_free(rx);
    free(amp);
    return 0;
}

int main(int argc, char *argv[])
{
    if (argc == 6 && strcmp(argv[1], "decode") == 0)
        return decode(atoi(argv[2]), atoi(argv[3]), argv[4], argv[5]);
    if ((argc == 6 || argc == 7) && strcmp(argv[1], "encode") == 0)
        return encode(atoi(argv[2]), (float) atof(argv[3]), argv[4], argv[5], argc == 7 ? atoi(argv[6]) : 0);
    if (argc == 5 && strcmp(argv[1], "time") == 0)
        return timing(atoi(argv[2]), argv[3], atoi(argv[4]));
    fprintf(stderr, "usage: see the comment at the top of spandsp_v17.c\n");
    return 1;
}
