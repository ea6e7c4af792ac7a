/**
 * Received fax pages to PDF: one PDF page per fax page at its true physical size (width / x-dpi by
 * height / y-dpi inches, so normal-resolution pages are not squashed), the image embedded
 * losslessly as a CCITTFaxDecode stream with K = -1 (ISO 32000-1 7.4.6, ITU-T T.6 coding) made by
 * the T.6 encoder of {@code org.faxgw.t4}.
 */
package org.faxgw.render.received;
