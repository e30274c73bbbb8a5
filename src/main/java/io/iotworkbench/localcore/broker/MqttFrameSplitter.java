package io.iotworkbench.localcore.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;

/**
 * Splits a byte stream into whole MQTT packets without decoding them (fixed header and remaining length only): each
 * frame reaches {@link ClientConnection} as one buffer, which reads a PUBLISH in place and decodes the rarer packets
 * with {@link MqttPackets}. A frame larger than the limit fails the connection before it is buffered whole.
 *
 * <p>One instance per channel; runs on its event loop.
 */
final class MqttFrameSplitter extends ByteToMessageDecoder {

    private final int maxFrameBytes;

    MqttFrameSplitter(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int remaining = 0;
            int multiplier = 1;
            int i = start + 1;
            boolean complete = false;
            for (int n = 0; n < 4; n++, i++) {
                if (i >= in.writerIndex()) {
                    return;
                }
                int b = in.getUnsignedByte(i);
                remaining += (b & 0x7F) * multiplier;
                multiplier *= 128;
                if ((b & 0x80) == 0) {
                    complete = true;
                    i++;
                    break;
                }
            }
            if (!complete) {
                throw new CorruptedFrameException("MQTT remaining length longer than 4 bytes");
            }
            int total = (i - start) + remaining;
            if (total > maxFrameBytes) {
                throw new CorruptedFrameException("MQTT packet of " + total + " bytes exceeds " + maxFrameBytes);
            }
            if (in.readableBytes() < total) {
                return;
            }
            out.add(in.readRetainedSlice(total));
        }
    }
}
