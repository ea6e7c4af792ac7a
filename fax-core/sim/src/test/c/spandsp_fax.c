/*
 * spandsp_fax.c - libspandsp's fax terminal (fax_state_t: T.30 + modems, 0.0.6 API) as the far
 * machine for faxgw's T.30 tests, and a spandsp<->spandsp reference for call length, packet loss
 * and CPU cost.
 *
 * Written for faxgw's tests against /usr/include/spandsp/{fax,t30,t30_api}.h of Debian's
 * libspandsp-dev 0.0.6. Audio is 16-bit little-endian 8 kHz mono.
 *
 *   spandsp_fax term OPTIONS
 *       One terminal over pipes, in lock step: for every block it reads 160 samples of the far
 *       end's audio from stdin (the far end's transmit of the same tick), hands them to fax_rx,
 *       then writes its own 160 samples from fax_tx to stdout (flushed). Ends at EOF on stdin.
 *       Writes "PHASE_E sample=N code=C" when T.30 phase E is reached and, at the end, one
 *       "RESULT ..." line (see print_result) to stderr, or to --result FILE.
 *
 *   spandsp_fax b2b OPTIONS [--calls N] [--seed S] [--loss FRACTION] [--repeat N]
 *       Two terminals back to back in this process (caller sends --tx, answerer receives into
 *       --rx), blocks of 160 samples both ways. With --loss every 20 ms block of each direction
 *       is lost with that probability (fax_rx_fillin instead of fax_rx), drawn like faxgw's
 *       LineModel: java.util.Random(seed * 31 + 17).nextDouble() per block, the caller's line
 *       with seed S + 2i, the answerer's with S + 2i + 1 for call i; with --seeds plain as the
 *       t30 PacketLossTest draws them: java.util.Random(seed) itself, the caller's line seed S + i,
 *       the answerer's 1000 + S + i. Prints one "CALL ..." line per call and "SUCCESSES n/N". With --repeat N (no loss) runs the same call N times and
 *       prints "CPU_NS ..." (thread CPU time per call, after the first as warm-up).
 *
 *   OPTIONS
 *       --role caller|answerer   calling or called terminal (term)
 *       --tx FILE.tif            send this TIFF (term: this terminal sends)
 *       --rx FILE.tif            write the received pages here (term: this terminal receives)
 *       --ecm 0|1                offer/use ECM (default 0)
 *       --modems LIST            comma list of v17,v29,v27ter (default all three)
 *       --rate BPS               sender: start at this rate of its family (V.17 14400/12000/9600/7200,
 *                                V.29 9600/7200, V.27ter 4800/2400), instead of the best one
 *       --codings LIST           comma list of mh,mr,mmr that this terminal supports (default all)
 *       --ident ID               our TSI/CSI
 *       --log                    spandsp's T.30 protocol log on stderr
 *       --record FILE.raw        term: also write spandsp's transmitted audio to FILE.raw
 *       --max-seconds S          give up a b2b call after S seconds of audio (default 600)
 */
#define _GNU_SOURCE
#include <inttypes.h>
#define SPANDSP_EXPOSE_INTERNAL_STRUCTURES
#include <spandsp.h>
#include "spandsp_audio.h"

typedef struct
{
    const char *role;
    const char *tx;
    const char *rx;
    const char *result;
    const char *ident;
    int ecm;
    int modems;
    int rate;
    int codings;
    int log;
    int calls;
    long seed;
    double loss;
    int repeat;
    int max_seconds;
    int plain_seeds;
    const char *record;
} options_t;

typedef struct
{
    fax_state_t *fax;
    t30_state_t *t30;
    int rate;                   /* forced start rate, 0 = spandsp's choice */
    int modem_type;             /* T30_MODEM_V17 etc. of the forced rate */
    long long samples;          /* samples handled */
    long long phase_e_at;       /* -1 until phase E */
    int completion;
    int dis_received;
} term_t;

/* ------------------------------------------------------------------------------------------ */
/* java.util.Random (its documented 48-bit linear congruential generator), so that a seed gives
   the same loss pattern as faxgw's LineModel. */

typedef struct
{
    uint64_t seed;
} jrandom_t;

static void jrandom_init(jrandom_t *r, int64_t seed)
{
    r->seed = ((uint64_t) seed ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1);
}

static int32_t jrandom_next(jrandom_t *r, int bits)
{
    r->seed = (r->seed * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
    return (int32_t) (int64_t) (r->seed >> (48 - bits));
}

static double jrandom_double(jrandom_t *r)
{
    int64_t hi = (int64_t) jrandom_next(r, 26);
    int64_t lo = (int64_t) jrandom_next(r, 27);
    return (double) ((hi << 27) + lo) * (1.0 / (double) (1LL << 53));
}

/* ------------------------------------------------------------------------------------------ */

static int parse_modems(const char *list)
{
    int m = 0;
    if (strstr(list, "v17"))
        m |= T30_SUPPORT_V17;
    if (strstr(list, "v29"))
        m |= T30_SUPPORT_V29;
    if (strstr(list, "v27ter"))
        m |= T30_SUPPORT_V27TER;
    return m;
}

static int parse_codings(const char *list)
{
    char buf[64];
    char *tok;
    char *save = NULL;
    int c = 0;

    snprintf(buf, sizeof(buf), "%s", list);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
    {
        if (strcmp(tok, "mh") == 0)
            c |= T30_SUPPORT_T4_1D_COMPRESSION;
        else if (strcmp(tok, "mr") == 0)
            c |= T30_SUPPORT_T4_2D_COMPRESSION;
        else if (strcmp(tok, "mmr") == 0)
            c |= T30_SUPPORT_T6_COMPRESSION;
    }
    return c;
}

static const char *modem_name(int type)
{
    switch (type)
    {
    case T30_MODEM_V17:
        return "V.17";
    case T30_MODEM_V29:
        return "V.29";
    case T30_MODEM_V27TER:
        return "V.27ter";
    }
    return "none";
}

static const char *encoding_name(int encoding)
{
    switch (encoding)
    {
    case T4_COMPRESSION_ITU_T4_1D:
        return "mh";
    case T4_COMPRESSION_ITU_T4_2D:
        return "mr";
    case T4_COMPRESSION_ITU_T6:
        return "mmr";
    }
    return "none";
}

static const struct
{
    int type;
    int rate;
} seq[] = {
    {T30_MODEM_V17, 14400}, {T30_MODEM_V17, 12000}, {T30_MODEM_V17, 9600},
    {T30_MODEM_V29, 9600},  {T30_MODEM_V17, 7200},  {T30_MODEM_V29, 7200},
    {T30_MODEM_V27TER, 4800}, {T30_MODEM_V27TER, 2400},
};

/* The index into spandsp's step-down sequence (the same order as T.30 practice: V.17 14400, V.17
   12000, V.17 9600, V.29 9600, V.17 7200, V.29 7200, V.27ter 4800, V.27ter 2400) of a rate of the
   given modem family. */
static int fallback_index(int modem_type, int rate)
{
    int i;

    for (i = 0; i < 8; i++)
    {
        if (seq[i].type == modem_type && seq[i].rate == rate)
            return i;
    }
    return -1;
}

/* Phase B: called once the far DIS is decoded and spandsp has picked its starting rate, before
   it builds the DCS; a forced rate replaces that choice. */
static int phase_b_handler(t30_state_t *s, void *user_data, int result)
{
    term_t *t = (term_t *) user_data;
    int i;

    if (result == T30_DIS)
        t->dis_received = 1;
    if (t->rate && result == T30_DIS)
    {
        i = fallback_index(t->modem_type, t->rate);
        if (i >= 0)
            s->current_fallback = i;
    }
    return T30_ERR_OK;
}

static void phase_e_handler(t30_state_t *s, void *user_data, int completion_code)
{
    term_t *t = (term_t *) user_data;
    (void) s;
    if (t->phase_e_at < 0)
    {
        t->phase_e_at = t->samples;
        t->completion = completion_code;
    }
}

static void term_init(term_t *t, const options_t *o, int calling, const char *tx, const char *rx)
{
    memset(t, 0, sizeof(*t));
    t->fax = fax_init(NULL, calling);
    t->t30 = fax_get_t30_state(t->fax);
    t->phase_e_at = -1;
    t->completion = -1;
    fax_set_transmit_on_idle(t->fax, 1);
    t30_set_tx_ident(t->t30, o->ident ? o->ident : (calling ? "spandsp caller" : "spandsp answerer"));
    t30_set_ecm_capability(t->t30, o->ecm);
    t30_set_supported_modems(t->t30, o->modems);
    t30_set_supported_compressions(t->t30, o->codings);
    t30_set_supported_resolutions(t->t30, T30_SUPPORT_STANDARD_RESOLUTION | T30_SUPPORT_FINE_RESOLUTION);
    t30_set_supported_image_sizes(t->t30, T30_SUPPORT_US_LETTER_LENGTH | T30_SUPPORT_US_LEGAL_LENGTH
                                  | T30_SUPPORT_UNLIMITED_LENGTH | T30_SUPPORT_215MM_WIDTH);
    if (tx)
        t30_set_tx_file(t->t30, tx, -1, -1);
    if (rx)
        t30_set_rx_file(t->t30, rx, -1);
    if (o->rate)
    {
        t->rate = o->rate;
        if (o->rate == 14400 || o->rate == 12000 || ((o->rate == 9600 || o->rate == 7200) && (o->modems & T30_SUPPORT_V17)))
            t->modem_type = T30_MODEM_V17;
        else if (o->rate == 9600 || o->rate == 7200)
            t->modem_type = T30_MODEM_V29;
        else
            t->modem_type = T30_MODEM_V27TER;
    }
    t30_set_phase_b_handler(t->t30, phase_b_handler, t);
    t30_set_phase_e_handler(t->t30, phase_e_handler, t);
    if (o->log)
    {
        span_log_set_level(t30_get_logging_state(t->t30),
                           SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_PROTOCOL | SPAN_LOG_SHOW_TAG | SPAN_LOG_FLOW);
        span_log_set_tag(t30_get_logging_state(t->t30), calling ? "caller" : "answerer");
    }
}

static void print_result(FILE *f, term_t *t, const char *who)
{
    t30_stats_t st;

    t30_get_transfer_statistics(t->t30, &st);
    fprintf(f,
            "RESULT who=%s status=%d ok=%d pages_tx=%d pages_rx=%d rate=%d modem=%s ecm=%d"
            " encoding=%s yres=%d bad_rows=%d phase_e_sample=%lld samples=%lld remote=\"%s\""
            " text=\"%s\"\n",
            who, t->completion, t->completion == T30_ERR_OK, st.pages_tx, st.pages_rx,
            st.bit_rate, modem_name(t->t30->current_fallback >= 0 && t->t30->current_fallback < 8 ? seq[t->t30->current_fallback].type : 0),
            st.error_correcting_mode, encoding_name(st.encoding), st.y_resolution, st.bad_rows,
            t->phase_e_at, t->samples, t30_get_rx_ident(t->t30) ? t30_get_rx_ident(t->t30) : "",
            t->completion >= 0 ? t30_completion_code_to_str(t->completion) : "not finished");
    fflush(f);
}

static void tx_block(term_t *t, int16_t *amp)
{
    int n = fax_tx(t->fax, amp, BLOCK);
    if (n < BLOCK)
        memset(amp + n, 0, (BLOCK - n) * sizeof(int16_t));
}

static int run_term(const options_t *o)
{
    term_t t;
    int16_t in[BLOCK];
    int16_t out[BLOCK];
    FILE *res = stderr;
    int calling = o->role && strcmp(o->role, "caller") == 0;
    int last_e = -1;

    FILE *rec = NULL;

    term_init(&t, o, calling, o->tx, o->rx);
    if (o->record && (rec = fopen(o->record, "wb")) == NULL)
    {
        fprintf(stderr, "cannot write %s\n", o->record);
        return 2;
    }
    while (audio_read(stdin, in) == BLOCK)
    {
        fax_rx(t.fax, in, BLOCK);
        tx_block(&t, out);
        t.samples += BLOCK;
        audio_store(stdout, out, BLOCK);
        fflush(stdout);
        if (rec)
        {
            audio_store(rec, out, BLOCK);
            fflush(rec);
        }
        if (t.phase_e_at >= 0 && last_e < 0)
        {
            last_e = 1;
            fprintf(stderr, "PHASE_E sample=%lld code=%d\n", t.phase_e_at, t.completion);
            fflush(stderr);
        }
    }
    if (rec)
        fclose(rec);
    /* releasing closes the received TIFF file */
    if (o->result)
    {
        res = fopen(o->result, "w");
        if (res == NULL)
        {
            fprintf(stderr, "cannot write %s\n", o->result);
            return 2;
        }
    }
    print_result(res, &t, calling ? "caller" : "answerer");
    if (res != stderr)
        fclose(res);
    fax_release(t.fax);
    fax_free(t.fax);
    return 0;
}

/* One call between two spandsp terminals; returns 1 when both report success with every page. */
static int b2b_call(const options_t *o, long seed_a, long seed_b, long long *samples, int *pages,
                    int *bit_rate, long long *lost)
{
    term_t a;                   /* caller, sends */
    term_t b;                   /* answerer, receives */
    int16_t a_out[BLOCK];
    int16_t b_out[BLOCK];
    jrandom_t loss_a;           /* the line from a to b */
    jrandom_t loss_b;           /* the line from b to a */
    long long max_samples = (long long) o->max_seconds * 8000;
    long long after_both = -1;
    t30_stats_t sa;
    t30_stats_t sb;
    int ok;

    term_init(&a, o, 1, o->tx, NULL);
    term_init(&b, o, 0, NULL, o->rx);
    if (o->plain_seeds)
    {
        jrandom_init(&loss_a, seed_a);
        jrandom_init(&loss_b, seed_b);
    }
    else
    {
        jrandom_init(&loss_a, seed_a * 31 + 17);
        jrandom_init(&loss_b, seed_b * 31 + 17);
    }
    memset(a_out, 0, sizeof(a_out));
    memset(b_out, 0, sizeof(b_out));
    *lost = 0;
    while (a.samples < max_samples)
    {
        /* receive the far end's previous block, then transmit this tick's */
        if (o->loss > 0 && jrandom_double(&loss_b) < o->loss)
        {
            fax_rx_fillin(a.fax, BLOCK);
            (*lost)++;
        }
        else
        {
            fax_rx(a.fax, b_out, BLOCK);
        }
        if (o->loss > 0 && jrandom_double(&loss_a) < o->loss)
        {
            fax_rx_fillin(b.fax, BLOCK);
            (*lost)++;
        }
        else
        {
            fax_rx(b.fax, a_out, BLOCK);
        }
        tx_block(&a, a_out);
        tx_block(&b, b_out);
        a.samples += BLOCK;
        b.samples += BLOCK;
        if (a.phase_e_at >= 0 && b.phase_e_at >= 0)
        {
            if (after_both < 0)
                after_both = a.samples;
            break;
        }
    }
    t30_get_transfer_statistics(a.t30, &sa);
    t30_get_transfer_statistics(b.t30, &sb);
    ok = a.completion == T30_ERR_OK && b.completion == T30_ERR_OK && sb.pages_rx == sa.pages_in_file
         && sa.pages_tx == sa.pages_in_file;
    *samples = a.phase_e_at > b.phase_e_at ? a.phase_e_at : b.phase_e_at;
    *pages = sb.pages_rx;
    *bit_rate = sb.bit_rate;
    if (o->log)
    {
        print_result(stderr, &a, "caller");
        print_result(stderr, &b, "answerer");
    }
    fax_release(a.fax);
    fax_free(a.fax);
    fax_release(b.fax);
    fax_free(b.fax);
    return ok;
}

static int cmp_ll(const void *x, const void *y)
{
    long long a = *(const long long *) x;
    long long b = *(const long long *) y;
    return a < b ? -1 : a > b;
}

static int run_b2b(const options_t *o)
{
    int i;
    int successes = 0;
    long long samples;
    long long lost;
    int pages;
    int bit_rate;

    if (o->repeat > 0)
    {
        long long *cpu = calloc(o->repeat, sizeof(long long));
        int n = 0;
        for (i = 0; i <= o->repeat; i++)
        {
            long long t0 = (long long) thread_cpu_ns();
            int ok = b2b_call(o, 0, 1, &samples, &pages, &bit_rate, &lost);
            long long dt = (long long) thread_cpu_ns() - t0;
            if (!ok)
            {
                fprintf(stderr, "call %d failed\n", i);
                return 1;
            }
            if (i > 0)
                cpu[n++] = dt;
        }
        qsort(cpu, n, sizeof(long long), cmp_ll);
        printf("CPU_NS median=%lld min=%lld max=%lld calls=%d samples=%lld pages=%d rate=%d\n",
               cpu[n / 2], cpu[0], cpu[n - 1], n, samples, pages, bit_rate);
        free(cpu);
        return 0;
    }
    for (i = 0; i < o->calls; i++)
    {
        long seed_a = o->plain_seeds ? o->seed + i : o->seed + 2L * i;
        long seed_b = o->plain_seeds ? 1000 + o->seed + i : o->seed + 2L * i + 1;
        int ok = b2b_call(o, seed_a, seed_b, &samples, &pages, &bit_rate, &lost);
        successes += ok;
        printf("CALL n=%d seed=%ld ok=%d samples=%lld pages=%d rate=%d lost_blocks=%lld\n", i,
               seed_a, ok, samples, pages, bit_rate, lost);
        fflush(stdout);
    }
    printf("SUCCESSES %d/%d\n", successes, o->calls);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: spandsp_fax term|b2b [options] (see the comment at the top)\n");
    exit(2);
}

int main(int argc, char *argv[])
{
    options_t o;
    int i;

    memset(&o, 0, sizeof(o));
    o.modems = T30_SUPPORT_V17 | T30_SUPPORT_V29 | T30_SUPPORT_V27TER;
    o.codings = T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION | T30_SUPPORT_T6_COMPRESSION;
    o.calls = 1;
    o.max_seconds = 600;
    if (argc < 2)
        usage();
    for (i = 2; i < argc; i++)
    {
        const char *k = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(k, "--log") == 0)
        {
            o.log = 1;
            continue;
        }
        if (v == NULL)
            usage();
        i++;
        if (strcmp(k, "--role") == 0)
            o.role = v;
        else if (strcmp(k, "--tx") == 0)
            o.tx = v;
        else if (strcmp(k, "--rx") == 0)
            o.rx = v;
        else if (strcmp(k, "--result") == 0)
            o.result = v;
        else if (strcmp(k, "--ident") == 0)
            o.ident = v;
        else if (strcmp(k, "--ecm") == 0)
            o.ecm = atoi(v);
        else if (strcmp(k, "--modems") == 0)
            o.modems = parse_modems(v);
        else if (strcmp(k, "--rate") == 0)
            o.rate = atoi(v);
        else if (strcmp(k, "--codings") == 0)
            o.codings = parse_codings(v);
        else if (strcmp(k, "--calls") == 0)
            o.calls = atoi(v);
        else if (strcmp(k, "--seed") == 0)
            o.seed = atol(v);
        else if (strcmp(k, "--loss") == 0)
            o.loss = atof(v);
        else if (strcmp(k, "--repeat") == 0)
            o.repeat = atoi(v);
        else if (strcmp(k, "--max-seconds") == 0)
            o.max_seconds = atoi(v);
        else if (strcmp(k, "--record") == 0)
            o.record = v;
        else if (strcmp(k, "--seeds") == 0)
            o.plain_seeds = strcmp(v, "plain") == 0;
        else
            usage();
    }
    if (strcmp(argv[1], "term") == 0)
        return run_term(&o);
    if (strcmp(argv[1], "b2b") == 0)
    {
        if (o.tx == NULL || o.rx == NULL)
            usage();
        return run_b2b(&o);
    }
    usage();
    return 2;
}
