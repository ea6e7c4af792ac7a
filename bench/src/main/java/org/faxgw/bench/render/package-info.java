/**
 * {@code faxgw bench render}: a document to a G3 fax TIFF file, ours (warm, one thread) beside a
 * Ghostscript process per document as HylaFAX runs it, CPU time on both sides.
 */
package org.faxgw.bench.render;
