package io.peerscope.agent.synth.story;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;

/**
 * One lookup of the story: a query and (unless {@code answered} is false) its response.
 *
 * @param answers values as dns.jsonl prints them; {@code answerTypes} and {@code ttls} parallel
 */
public record StoryLookup(
    long tsMicros,
    IpAddress client,
    int clientPort,
    int id,
    String name,
    int qtype,
    boolean answered,
    int rcode,
    List<String> answers,
    List<Integer> answerTypes,
    List<Long> ttls,
    long rttMicros) {}
