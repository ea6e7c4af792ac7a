package org.faxgw.iax2;

/**
 * One IAX2 datagram as decoded by {@link Iax2FrameDecoder}: a {@link FullFrame}, a {@link
 * MiniFrame}, a {@link MetaFrame} (video or trunk, which a fax endpoint does not use) or, when the
 * bytes are not a valid frame, a {@link MalformedFrame} -- failures are values (ARCHITECTURE.md
 * rule 6).
 */
public sealed interface Iax2Frame permits FullFrame, MiniFrame, MetaFrame, MalformedFrame {}
