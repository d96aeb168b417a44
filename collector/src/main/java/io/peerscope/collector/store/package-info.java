/** JDBC storage (H2 by default): versioned schema, findings upserted by id, sensor rows. */
package io.peerscope.collector.store;
