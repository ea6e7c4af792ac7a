/**
 * Helpers of {@code faxgw bench codec}: the page corpus (Ghostscript renders of a manual page, or
 * generated text pages) and the libtiff side (a small C harness compiled at run time against
 * libtiff-dev, and tiffcp runs), so our T.4/T.6 codec is timed beside libtiff in the same run.
 */
package org.faxgw.gateway.bench.codec;
