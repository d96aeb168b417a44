/** The MQTT subscription to every sensor: validation, counting of rejects, storage. */
package io.peerscope.collector.ingest;
