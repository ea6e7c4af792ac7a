package org.faxgw.t4;

/** A page decoded by the error-tolerant decoder and what it found on the way. */
public record T4ReceivedPage(BilevelPage page, T4PageStats stats) {}
