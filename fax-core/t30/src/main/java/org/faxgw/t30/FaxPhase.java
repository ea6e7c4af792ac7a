package org.faxgw.t30;

/** The phases of a fax call (T.30 5.1, Figure 1). */
public enum FaxPhase {
  /** Phase A: call set-up, CNG/CED. */
  A_CALL_SETUP,
  /** Phase B: pre-message procedure, DIS/DCS, training (TCF, CFR/FTT). */
  B_PRE_MESSAGE,
  /** Phase C: in-message procedure, the image (non-ECM) or ECM blocks. */
  C_MESSAGE,
  /** Phase D: post-message procedure, MPS/EOM/EOP and MCF/RTN/RTP, PPS/PPR. */
  D_POST_MESSAGE,
  /** Phase E: call release, DCN. */
  E_RELEASE
}
