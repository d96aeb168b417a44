package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;

/**
 * One line of {@code dns.jsonl} (CONTRACT.md): a query with its response, a query never answered
 * or a response never asked for. Fields of a missing side are null. Names have no trailing dot and
 * are as seen on the wire (non-UTF-8 bytes escaped by the parser).
 */
public record DnsTransaction(
    long tsMicros,
    IpAddress client,
    int clientPort,
    IpAddress server,
    int serverPort,
    String proto,
    int transId,
    Long rttMicros,
    String query,
    Integer qclass,
    Integer qtype,
    String qtypeName,
    Integer rcode,
    String rcodeName,
    boolean aa,
    boolean tc,
    boolean rd,
    boolean ra,
    int z,
    List<String> answers,
    List<Long> ttls,
    /** Answer record types, same order as answers: lets trackers see A/AAAA without reparsing. */
    List<Integer> answerTypes,
    boolean hasQuery,
    boolean hasResponse) {}
