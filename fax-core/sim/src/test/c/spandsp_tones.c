/*
 * spandsp_tones.c - libspandsp (0.0.6 public API) connect tone generator/detector as a second
 * opinion on faxgw's CED/CNG (T.30 §4). Written for faxgw's tests against
 * /usr/include/spandsp/modem_connect_tones.h. Audio: raw 16-bit little-endian 8 kHz mono.
 *
 *   spandsp_tones detect IN.raw
 *       Runs the FAX_CNG and the FAX_CED (ANS) detectors; prints "TONE <name> <sample>" per report
 *       (name from modem_connect_tone_to_str) and "END".
 *   spandsp_tones gen cng|ced OUT.raw SECONDS
 *       Writes SECONDS of spandsp's generated CNG or CED, after 100 ms of silence.
 */
#include <spandsp.h>
#include "spandsp_audio.h"

static long position = 0;

static void report(void *user_data, int code, int level, int delay)
{
    (void) level;
    (void) delay;
    printf("TONE %s %s %ld\n", (const char *) user_data, modem_connect_tone_to_str(code), position);
}

static int detect(const char *path)
{
    FILE *f = audio_open(path, "rb");
    int16_t amp[BLOCK];
    int got;
    modem_connect_tones_rx_state_t *cng;
    modem_connect_tones_rx_state_t *ced;

    cng = modem_connect_tones_rx_init(NULL, MODEM_CONNECT_TONES_FAX_CNG, report, (void *) "cng-detector");
    ced = modem_connect_tones_rx_init(NULL, MODEM_CONNECT_TONES_FAX_CED, report, (void *) "ced-detector");
    while ((got = audio_read(f, amp)) > 0)
    {
        position += got;
        modem_connect_tones_rx(cng, amp, got);
        modem_connect_tones_rx(ced, amp, got);
    }
    fclose(f);
    modem_connect_tones_rx_free(cng);
    modem_connect_tones_rx_free(ced);
    printf("END\n");
    return 0;
}

static int generate(const char *which, const char *path, double seconds)
{
    FILE *f;
    modem_connect_tones_tx_state_t *tx;
    int16_t amp[BLOCK];
    long total = (long) (seconds * 8000);
    long done;
    int n;

    tx = modem_connect_tones_tx_init(NULL, strcmp(which, "cng") == 0 ? MODEM_CONNECT_TONES_FAX_CNG : MODEM_CONNECT_TONES_FAX_CED);
    f = audio_open(path, "wb");
    audio_silence(f, 5 * BLOCK);
    for (done = 0; done < total; done += n)
    {
        n = (total - done < BLOCK) ? (int) (total - done) : BLOCK;
        memset(amp, 0, sizeof(amp));
        modem_connect_tones_tx(tx, amp, n);
        audio_store(f, amp, n);
    }
    fclose(f);
    modem_connect_tones_tx_free(tx);
    printf("END\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "detect") == 0)
        return detect(argv[2]);
    if (argc >= 5 && strcmp(argv[1], "gen") == 0)
        return generate(argv[2], argv[3], atof(argv[4]));
    fprintf(stderr, "usage: spandsp_tones detect IN.raw | gen cng|ced OUT.raw SECONDS\n");
    return 2;
}
