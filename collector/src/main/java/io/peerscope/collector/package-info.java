/**
 * The collector: {@link io.peerscope.collector.Collector} wires broker, ingest (MQTT), store
 * (database) and http (API and dashboard) from a {@link io.peerscope.collector.CollectorConfig}.
 */
package io.peerscope.collector;
