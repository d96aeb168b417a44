/**
 * The JSON-lines logs of CONTRACT.md. {@link io.peerscope.agent.log.JsonLine} builds one object
 * per line with escaping that holds for hostile strings; {@link io.peerscope.agent.log.JsonLinesFile}
 * is the buffered file that never throws into the pipeline; {@link
 * io.peerscope.agent.log.DnsLogWriter} writes {@code dns.jsonl}.
 */
package io.peerscope.agent.log;
