/**
 * Bilevel fax pages and their coding on the fax line: T.4 MH (1-D) and MR (2-D), T.6 MMR, EOL, fill
 * bits, RTC/EOFB, an error-tolerant decoder, and G3/G4 TIFF read/write (TIFF 6.0 sections 3, 8 and
 * 11; TIFF Class F conventions). Pure: bytes in, pages out; no files, threads or clocks.
 *
 * <p>The API:
 *
 * <ul>
 *   <li>{@link org.faxgw.t4.BilevelPage} and {@link org.faxgw.t4.Resolution}: a page, packed MSB
 *       first, set bit = black.
 *   <li>{@link org.faxgw.t4.FaxTiffWriter} / {@link org.faxgw.t4.FaxTiffReader}: multi-page G3/G4
 *       TIFF files (the reader also takes uncompressed and CCITT RLE bilevel TIFFs, FillOrder 2,
 *       BlackIsZero, several strips; it throws {@link org.faxgw.t4.T4FormatException} on bad input
 *       and caps the sizes it allocates).
 *   <li>{@link org.faxgw.t4.T4Encoder} with {@link org.faxgw.t4.T4EncodeOptions}: a page as coded
 *       data for the line ({@code forLine}: EOL first, fill to the minimum scan line time, RTC, LSB
 *       first) or for a TIFF strip ({@code forTiff}).
 *   <li>{@link org.faxgw.t4.T4Decoder}: strict decoding of complete data (TIFF strips, ECM pages).
 *   <li>{@link org.faxgw.t4.T4StreamDecoder}: bit-by-bit, error-tolerant decoding of a non-ECM page
 *       off the modem, with bad-row statistics ({@link org.faxgw.t4.T4PageStats}).
 * </ul>
 *
 * <p>Bit order ({@link org.faxgw.t4.BitOrder}): the line sends the least significant bit of each
 * octet first; TIFF FillOrder 1 stores the first bit in the most significant bit.
 */
package org.faxgw.t4;
