package io.peerscope.agent.publish;

/**
 * One record read from the {@link Spool}: its position (segment id in the high 32 bits, byte offset
 * in the low 32) is what {@link Spool#ack(long)} takes once the broker acknowledged it.
 */
public record SpoolEntry(long position, byte[] payload) {}
