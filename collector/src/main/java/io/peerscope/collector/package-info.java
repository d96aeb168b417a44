/** The collector: ingest (MQTT), store (database), http (API and dashboard). */
package io.peerscope.collector;
