/**
 * Test support and tests: libspandsp's fax terminal (Debian libspandsp-dev 0.0.6, {@code
 * fax-core/sim/src/test/c/spandsp_fax.c}, compiled by {@code SpandspHarness}) as the far machine of
 * our {@code FaxTerminal}, audio in lock-step 160-sample blocks over its standard input and output;
 * and the same program's spandsp↔spandsp mode for reference figures (call length in samples,
 * success under seeded 20 ms block loss, CPU per call). T.30 (ITU-T T.30 phases A–E, Annex A ECM).
 */
package org.faxgw.t30.spandsp;
