/**
 * {@code faxgw bench codec}: our T.4 (MH, MR) and T.6 (MMR) coding of a multi-page TIFF beside
 * libtiff's on the same pages, both in memory and in CPU time; libtiff's side is the C harness
 * {@code libtiff_codec_harness.c} in this package's resources, compiled at run time with gcc
 * against libtiff-dev, and whole tiffcp processes for reference.
 */
package org.faxgw.bench.codec;
