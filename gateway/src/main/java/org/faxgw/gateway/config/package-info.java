/**
 * The configuration file {@code conf/faxgw.yaml}: YAML bound by Jackson into records, one record
 * per section, validated at start-up. Errors name the file and line ({@code file:line: what is
 * wrong}); unknown keys are errors. Secrets may be written as {@code ${ENV_NAME}}. The {@code
 * egress} and {@code routing} sections bind into the plain records of {@code org.faxgw.mail}.
 *
 * <p>Adding a section: write its record (every component nullable, the compact constructor puts the
 * default in place of a missing value, a static {@code defaults()}), add one component to {@link
 * org.faxgw.gateway.config.FaxgwConfig}, and document its keys in {@code conf/faxgw.yaml}. {@code
 * ConfigFileTest} checks that the file names every key and that its values are the defaults.
 */
package org.faxgw.gateway.config;
