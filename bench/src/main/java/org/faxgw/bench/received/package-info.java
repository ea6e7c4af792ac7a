/**
 * {@code faxgw bench received-pdf}: the received-fax PDF's size and CPU time beside the G4 TIFF of
 * the same pages and beside libtiff's tiff2pdf.
 */
package org.faxgw.bench.received;
