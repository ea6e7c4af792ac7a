/**
 * {@code faxgw loopback}: a whole fax call between two of our T.30 terminals ({@code fax-core/t30}
 * {@code FaxTerminal}, T.30 phases A–E with ECM per T.30 Annex A) back to back in memory, each
 * direction of the line through {@code fax-core/sim}'s {@code LineModel} (noise at a stated SNR,
 * lost 20 ms blocks reported through {@code fillIn}), driven 20 ms block by block as fast as the
 * CPU allows. Prints the merged T.30 ladder of both ends and their results.
 */
package org.faxgw.bench.loopback;
