/**
 * Documents to fax pages (PDF with PDFBox, PostScript with Ghostscript, TIFF and other images,
 * plain text) at fax resolutions and page sizes; received fax pages to PDF.
 */
package org.faxgw.render;
