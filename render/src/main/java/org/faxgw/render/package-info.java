/**
 * Documents to fax pages (PDF with PDFBox, PostScript with Ghostscript through ghost4j/libgs or a
 * {@code gs} process, TIFF and other images, plain text) at fax resolutions and page sizes;
 * received fax pages to PDF. {@link org.faxgw.render.FaxRenderer} renders in the calling process;
 * the gateway renders untrusted documents through {@link org.faxgw.render.worker} instead, in
 * worker processes that can be killed.
 */
package org.faxgw.render;
