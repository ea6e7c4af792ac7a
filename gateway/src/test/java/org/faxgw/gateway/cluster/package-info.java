/**
 * Several {@code faxgw serve} nodes on one PostgreSQL, on the real fax line (issue 18): {@link
 * org.faxgw.gateway.cluster.ClusterLab} runs two sending nodes and a receiving gateway; the ITs
 * send through it, kill a node, restart the database, and count what the receiving side got.
 */
package org.faxgw.gateway.cluster;
