/**
 * The faxgw process: main, configuration binding and validation, wiring of the modules, lifecycle,
 * the command line (serve, sendfax, faxstat, faxrm, render, analyze, faxrcvd) and the admin API.
 */
package org.faxgw.gateway;
