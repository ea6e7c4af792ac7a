/**
 * Test support: libspandsp (Debian 0.0.6) as a second opinion. {@link
 * org.faxgw.sim.spandsp.SpandspHarness} compiles the C programs of {@code fax-core/sim/src/test/c/}
 * with gcc and runs them on raw 16-bit little-endian 8 kHz audio; the tests here check our modems
 * against spandsp's in both directions.
 */
package org.faxgw.sim.spandsp;
