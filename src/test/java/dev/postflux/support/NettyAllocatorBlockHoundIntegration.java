package dev.postflux.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty's own BlockHound integration misses one deliberate lock of its 4.2 buffer allocator: when it grows its
 * per-thread magazines under contention, it takes each old magazine's write lock once, briefly, to retire it. Under
 * BlockHound that rare moment turned an ordinary request (an over-limit chunked upload, which reads many buffers)
 * into a 500 in one full build. It is Netty's design, not a blocking call of ours; everything else stays guarded.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(
                "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}
