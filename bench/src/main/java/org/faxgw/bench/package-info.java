/**
 * {@code faxgw bench}: our code beside the reference tools (Ghostscript, libtiff) doing the same
 * work in the same run, CPU time on both sides, printed as figures and ratios; nothing is asserted.
 * This module is a tool, never part of the product jar: {@code bin/faxgw bench ...} runs its own
 * jar. Shared here: the command, running a reference tool with its CPU time ({@link
 * org.faxgw.bench.Exec}, {@link org.faxgw.bench.ChildCpu}), the page corpus and scratch folders.
 */
package org.faxgw.bench;
