/*
 * spandsp_g711.c - libspandsp's G.711 (0.0.6, /usr/include/spandsp/g711.h) as a second opinion on
 * faxgw's org.faxgw.modem.G711. Written for faxgw's tests.
 *
 *   spandsp_g711 tables
 *       ADEC <256 decimal linear values of A-law codes 0..255>
 *       UDEC <256 decimal linear values of u-law codes 0..255>
 *       AENC <65536 two-digit hex A-law codes of linear -32768..32767, concatenated>
 *       UENC <65536 two-digit hex u-law codes of linear -32768..32767, concatenated>
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <spandsp.h>

int main(int argc, char **argv)
{
    int i;

    if (argc < 2 || strcmp(argv[1], "tables") != 0)
    {
        fprintf(stderr, "usage: spandsp_g711 tables\n");
        return 2;
    }
    printf("ADEC");
    for (i = 0; i < 256; i++)
        printf(" %d", alaw_to_linear((uint8_t) i));
    printf("\nUDEC");
    for (i = 0; i < 256; i++)
        printf(" %d", ulaw_to_linear((uint8_t) i));
    printf("\nAENC ");
    for (i = -32768; i <= 32767; i++)
        printf("%02X", linear_to_alaw(i));
    printf("\nUENC ");
    for (i = -32768; i <= 32767; i++)
        printf("%02X", linear_to_ulaw(i));
    printf("\n");
    return 0;
}
