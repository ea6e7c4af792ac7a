/**
 * Durable file writes, the one helper every module uses ({@link org.faxgw.durable.DurableFiles}):
 * write a temporary file, fsync it, rename it over the target (atomic within a folder, POSIX
 * rename(2)), fsync the folder so that the rename survives a crash. After a crash the target is the
 * old file or the new one, whole, never a torn mix. JDK only, so that a module that may depend on
 * nothing else (mail-egress) may still depend on this.
 */
package org.faxgw.durable;
