/*
 * spandsp_modems.c - libspandsp (0.0.6 public API) receivers and transmitters of V.17, V.29 and
 * V.27ter, many cases per run, as a second opinion and a CPU-time reference for faxgw's modems.
 *
 * Written for faxgw's tests against the declarations in /usr/include/spandsp/{v17rx,v17tx,v29rx,
 * v29tx,v27ter_rx,v27ter_tx}.h. Audio files are raw 16-bit little-endian 8 kHz mono; bit files
 * are text, one '0' or '1' per bit. MODEM is v17, v29 or v27ter. Every receiver gets the signal
 * cutoff spandsp's fax front end sets for the fast modems (-45.5 dBm0, fax_modems.c).
 *
 *   spandsp_modems decode LIST
 *       LIST has one case a line: "MODEM RATE IN.raw OUT.bits". Each case: a fresh receiver over
 *       the file (blocks of 160 samples), every data bit after a training to OUT.bits; MODEM
 *       v17s is V.17 restarted for a short training once a first trained burst has ended (power
 *       under -46 dBm0), as spandsp's fax front end does for the pages after the first. Prints
 *       "CASE <n> trained=<successful trainings> failed=<failed trainings> bits=<n>" per case.
 *   spandsp_modems time LIST WARMUP RUNS
 *       LIST has one case a line: "MODEM RATE IN.raw". Runs the receiver over the file WARMUP
 *       times, then RUNS times, each run timed alone with the thread's CPU clock
 *       (CLOCK_THREAD_CPUTIME_ID) around the receive calls only. Prints "RX <n> <ns/sample>..."
 *       with one figure per run.
 *   spandsp_modems encode MODEM RATE LEVEL_DBM0 IN.bits OUT.raw [IN2.bits]
 *       The transmitter (long training) at LEVEL_DBM0 sending IN.bits, framed by 100 ms of
 *       silence; with IN2.bits (V.17 only), 200 ms of silence and a second burst with the short
 *       training sending IN2.bits. Prints "END sent=<n>".
 *   spandsp_modems txtime MODEM RATE SAMPLES WARMUP RUNS
 *       The transmitter (random data bits) for SAMPLES samples per run, timed likewise. Prints
 *       "TX <ns/sample>..." with one figure per run.
 */
#include <spandsp.h>
#include "spandsp_audio.h"

static FILE *bits_out;
static long bits_written;
static int trainings_ok;
static int trainings_failed;
static unsigned int lcg = 12345;

static void on_bit(void *user_data, int bit)
{
    (void) user_data;
    if (bit < 0)
    {
        /* spandsp 0.0.6 reports status changes through put_bit when no status handler is set */
        if (bit == SIG_STATUS_TRAINING_SUCCEEDED)
            trainings_ok++;
        else if (bit == SIG_STATUS_TRAINING_FAILED)
            trainings_failed++;
        return;
    }
    if (bits_out != NULL)
        putc((bit & 1) ? '1' : '0', bits_out);
    bits_written++;
}

static char *in_bits;
static long in_bits_len;
static long in_bits_pos;

static int next_bit(void *user_data)
{
    (void) user_data;
    if (in_bits_pos >= in_bits_len)
        return SIG_STATUS_END_OF_DATA;
    return in_bits[in_bits_pos++] == '1';
}

static void load_bits(const char *path)
{
    free(in_bits);
    in_bits = bits_load(path, &in_bits_len);
    in_bits_pos = 0;
}

static int random_bit(void *user_data)
{
    (void) user_data;
    lcg = lcg*1103515245u + 12345u;
    return (lcg >> 16) & 1;
}

enum kind { V17 = 17, V29 = 29, V27TER = 27 };

static int kind_of(const char *modem)
{
    if (strcmp(modem, "v17") == 0 || strcmp(modem, "v17s") == 0)
        return V17;
    if (strcmp(modem, "v29") == 0)
        return V29;
    if (strcmp(modem, "v27ter") == 0)
        return V27TER;
    fprintf(stderr, "modem must be v17, v29 or v27ter: %s\n", modem);
    exit(1);
}

typedef struct
{
    int kind;
    int rate;
    v17_rx_state_t *v17;
    v29_rx_state_t *v29;
    v27ter_rx_state_t *v27;
} receiver_t;

static void rx_open(receiver_t *r, int kind, int rate)
{
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    r->rate = rate;
    if (kind == V17)
    {
        r->v17 = v17_rx_init(NULL, rate, on_bit, NULL);
        v17_rx_signal_cutoff(r->v17, -45.5f);
    }
    else if (kind == V29)
    {
        r->v29 = v29_rx_init(NULL, rate, on_bit, NULL);
        v29_rx_signal_cutoff(r->v29, -45.5f);
    }
    else
    {
        r->v27 = v27ter_rx_init(NULL, rate, on_bit, NULL);
        v27ter_rx_signal_cutoff(r->v27, -45.5f);
    }
}

static void rx_restart(receiver_t *r)
{
    if (r->kind == V17)
        v17_rx_restart(r->v17, r->rate, 0);
    else if (r->kind == V29)
        v29_rx_restart(r->v29, r->rate, 0);
    else
        v27ter_rx_restart(r->v27, r->rate, 0);
}

static void rx_feed(receiver_t *r, const int16_t *amp, int n)
{
    if (r->kind == V17)
        v17_rx(r->v17, amp, n);
    else if (r->kind == V29)
        v29_rx(r->v29, amp, n);
    else
        v27ter_rx(r->v27, amp, n);
}

static void rx_close(receiver_t *r)
{
    if (r->kind == V17)
        v17_rx_free(r->v17);
    else if (r->kind == V29)
        v29_rx_free(r->v29);
    else
        v27ter_rx_free(r->v27);
}

static int do_decode(const char *list)
{
    FILE *l = audio_open(list, "r");
    char modem[32];
    char in[4096];
    char out[4096];
    int rate;
    int n = 0;

    while (fscanf(l, "%31s %d %4095s %4095s", modem, &rate, in, out) == 4)
    {
        long samples;
        long i;
        int16_t *amp = audio_load(in, &samples);
        receiver_t r;

        bits_out = audio_open(out, "w");
        bits_written = 0;
        trainings_ok = 0;
        trainings_failed = 0;
        rx_open(&r, kind_of(modem), rate);
        {
            int short_train = strcmp(modem, "v17s") == 0;
            int restarted = 0;

            for (i = 0; i + BLOCK <= samples; i += BLOCK)
            {
                rx_feed(&r, amp + i, BLOCK);
                if (short_train && !restarted && trainings_ok > 0
                    && v17_rx_signal_power(r.v17) < -46.0f)
                {
                    v17_rx_restart(r.v17, rate, 1);
                    restarted = 1;
                }
            }
        }
        fclose(bits_out);
        bits_out = NULL;
        rx_close(&r);
        free(amp);
        printf("CASE %d trained=%d failed=%d bits=%ld\n", n++, trainings_ok, trainings_failed,
               bits_written);
    }
    fclose(l);
    return 0;
}

static int do_time(const char *list, int warmup, int runs)
{
    FILE *l = audio_open(list, "r");
    char modem[32];
    char in[4096];
    int rate;
    int n = 0;

    while (fscanf(l, "%31s %d %4095s", modem, &rate, in) == 3)
    {
        long samples;
        long i;
        int k;
        int16_t *amp = audio_load(in, &samples);
        receiver_t r;

        rx_open(&r, kind_of(modem), rate);
        printf("RX %d", n++);
        for (k = 0; k < warmup + runs; k++)
        {
            double t0;
            double t1;

            rx_restart(&r);
            t0 = thread_cpu_ns();
            for (i = 0; i + BLOCK <= samples; i += BLOCK)
                rx_feed(&r, amp + i, BLOCK);
            t1 = thread_cpu_ns();
            if (k >= warmup)
                printf(" %.3f", (t1 - t0)/(double) (samples - samples % BLOCK));
        }
        printf("\n");
        rx_close(&r);
        free(amp);
    }
    fclose(l);
    return 0;
}

static int do_encode(int kind, int rate, float level, const char *in, const char *out,
                     const char *in2)
{
    FILE *o;
    int16_t amp[BLOCK];
    int n;
    long sent;
    v17_tx_state_t *t17 = NULL;
    v29_tx_state_t *t29 = NULL;
    v27ter_tx_state_t *t27 = NULL;

    load_bits(in);
    o = audio_open(out, "wb");
    audio_silence(o, 800);
    if (kind == V17)
    {
        t17 = v17_tx_init(NULL, rate, 0, next_bit, NULL);
        v17_tx_power(t17, level);
    }
    else if (kind == V29)
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
        if (kind == V17)
            n = v17_tx(t17, amp, BLOCK);
        else if (kind == V29)
            n = v29_tx(t29, amp, BLOCK);
        else
            n = v27ter_tx(t27, amp, BLOCK);
        if (n > 0)
            audio_store(o, amp, n);
    }
    while (n == BLOCK);
    sent = in_bits_pos;
    if (in2 != NULL && kind == V17)
    {
        audio_silence(o, 1600);
        load_bits(in2);
        v17_tx_restart(t17, rate, 0, 1);
        do
        {
            n = v17_tx(t17, amp, BLOCK);
            if (n > 0)
                audio_store(o, amp, n);
        }
        while (n == BLOCK);
        sent += in_bits_pos;
    }
    audio_silence(o, 1600);
    fclose(o);
    printf("END sent=%ld\n", sent);
    if (kind == V17)
        v17_tx_free(t17);
    else if (kind == V29)
        v29_tx_free(t29);
    else
        v27ter_tx_free(t27);
    return 0;
}

static int do_txtime(int kind, int rate, long samples, int warmup, int runs)
{
    int16_t amp[BLOCK];
    int k;
    long sink = 0;

    printf("TX");
    for (k = 0; k < warmup + runs; k++)
    {
        v17_tx_state_t *t17 = NULL;
        v29_tx_state_t *t29 = NULL;
        v27ter_tx_state_t *t27 = NULL;
        long done;
        double t0;
        double t1;

        if (kind == V17)
            t17 = v17_tx_init(NULL, rate, 0, random_bit, NULL);
        else if (kind == V29)
            t29 = v29_tx_init(NULL, rate, 0, random_bit, NULL);
        else
            t27 = v27ter_tx_init(NULL, rate, 0, random_bit, NULL);
        t0 = thread_cpu_ns();
        for (done = 0; done < samples; done += BLOCK)
        {
            if (kind == V17)
                v17_tx(t17, amp, BLOCK);
            else if (kind == V29)
                v29_tx(t29, amp, BLOCK);
            else
                v27ter_tx(t27, amp, BLOCK);
            sink += amp[7];
        }
        t1 = thread_cpu_ns();
        if (k >= warmup)
            printf(" %.3f", (t1 - t0)/(double) done);
        if (kind == V17)
            v17_tx_free(t17);
        else if (kind == V29)
            v29_tx_free(t29);
        else
            v27ter_tx_free(t27);
    }
    printf("\nSINK %ld\n", sink);
    return 0;
}

int main(int argc, char *argv[])
{
    if (argc == 3 && strcmp(argv[1], "decode") == 0)
        return do_decode(argv[2]);
    if (argc == 5 && strcmp(argv[1], "time") == 0)
        return do_time(argv[2], atoi(argv[3]), atoi(argv[4]));
    if ((argc == 7 || argc == 8) && strcmp(argv[1], "encode") == 0)
        return do_encode(kind_of(argv[2]), atoi(argv[3]), (float) atof(argv[4]), argv[5], argv[6],
                         argc == 8 ? argv[7] : NULL);
    if (argc == 7 && strcmp(argv[1], "txtime") == 0)
        return do_txtime(kind_of(argv[2]), atoi(argv[3]), atol(argv[4]), atoi(argv[5]),
                         atoi(argv[6]));
    fprintf(stderr, "usage: see the comment at the top of spandsp_modems.c\n");
    return 1;
}
