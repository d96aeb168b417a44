/** The embedded MQTT broker (HiveMQ CE) and its authentication. */
package io.peerscope.collector.broker;
