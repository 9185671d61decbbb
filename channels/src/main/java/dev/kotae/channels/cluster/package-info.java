/**
 * Several nodes on one database: signals from node to node (PostgreSQL {@code LISTEN/NOTIFY}) that
 * keep each node's in-memory state (search index, published FAQs, site CORS, open event streams) in
 * step with changes committed on the others. On H2 there is one node and nothing to send.
 */
package dev.kotae.channels.cluster;
