/**
 * {@code faxgw bench} benchmarks: our code beside the reference tools (Ghostscript, libtiff,
 * spandsp) in the same run, printed as figures and ratios (research/perf-anchors.md); they assert
 * nothing.
 */
package org.faxgw.gateway.bench;
