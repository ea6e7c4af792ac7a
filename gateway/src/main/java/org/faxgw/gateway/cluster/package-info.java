/**
 * The whole cluster as one node shows it (issue 18, several gateway nodes on one PostgreSQL): the
 * {@code faxgw-cluster} heartbeat that writes this node and its fax lines' state to the cluster
 * directory ({@link org.faxgw.queue.ClusterDirectory}), and {@link
 * org.faxgw.gateway.cluster.ClusterView}, which the admin API, the REST API and faxstat read: every
 * node's lines with their node, the node holding each active job's lease, every node's received
 * faxes (a TIFF received elsewhere is fetched into this node's recvq/ when asked for), session logs
 * and xferfaxlog records. On SQLite (one node) it reads this node's own files and lines, as before.
 */
package org.faxgw.gateway.cluster;
