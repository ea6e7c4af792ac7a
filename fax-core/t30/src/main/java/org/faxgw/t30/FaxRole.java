package org.faxgw.t30;

/**
 * Which end of the call a terminal is (T.30 5.1): the calling terminal sends CNG and waits for DIS;
 * the called terminal sends CED and DIS. Independent of which way the pages go.
 */
public enum FaxRole {
  /** Placed the call (HylaFAX faxsend). */
  CALLING,
  /** Answered the call (HylaFAX faxgetty). */
  CALLED
}
