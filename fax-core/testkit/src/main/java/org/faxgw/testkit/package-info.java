/**
 * What the tests of several modules share, in one place: running a reference tool or peer ({@link
 * org.faxgw.testkit.ExternalTool}) and reading a HylaFAX session log ({@link
 * org.faxgw.testkit.HylaFaxSessionLog}). Depended on with {@code <scope>test</scope>} only; JDK
 * only, so that the pure modules' tests may use it.
 */
package org.faxgw.testkit;
