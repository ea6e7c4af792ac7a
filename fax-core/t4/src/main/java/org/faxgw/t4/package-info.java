/**
 * Bilevel fax pages and their coding on the fax line: T.4 MH (1-D) and MR (2-D), T.6 MMR, EOL, fill
 * bits, RTC/EOFB, an error-tolerant decoder, and G3/G4 TIFF read/write (TIFF 6.0 section 11, TIFF
 * Class F). Pure: bytes in, pages out; no files, threads or clocks.
 */
package org.faxgw.t4;
