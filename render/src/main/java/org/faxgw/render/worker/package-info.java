/**
 * Rendering untrusted documents in worker processes that can be killed: {@link
 * org.faxgw.render.worker.RenderWorkerPool} (gateway side) starts JVMs running {@link
 * org.faxgw.render.worker.RenderWorkerMain} on the same classpath, sends each a document and its
 * options and reads pages back over a framed protocol on the worker's stdin/stdout ({@code
 * WorkerFrames}: a type byte, a 4-byte big-endian length, the payload). Each worker has its own
 * heap limit, a CPU-time limit, a private temporary folder emptied after every document, and drops
 * to an unprivileged user when the gateway runs as root. Past a document's deadline the worker is
 * killed and replaced; a document that killed two workers fails for good.
 */
package org.faxgw.render.worker;
