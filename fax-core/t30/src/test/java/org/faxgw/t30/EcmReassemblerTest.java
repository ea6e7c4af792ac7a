package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EcmReassemblerTest {
  private static byte[] frameData(int page, int block, int n) {
    byte[] d = new byte[256];
    new Random(page * 100_000L + block * 1000L + n).nextBytes(d);
    return d;
  }

  private static byte[] pps(int fcf2, int page, int block, int frames) {
    return new byte[] {(byte) fcf2, (byte) page, (byte) block, (byte) (frames - 1)};
  }

  @Test
  void blocksArrivingOutOfOrderWithARetransmissionMakeThePage() {
    EcmReassembler r = new EcmReassembler();
    // page 0, block 0 of 5 frames; frame 3 lost in the first burst
    for (int n : new int[] {0, 1, 2, 4}) {
      r.fcd(n, frameData(0, 0, n));
    }
    EcmReassembler.PpsResult first = r.pps(pps(0x00, 0, 0, 5));
    assertThat(first.missing()).containsExactly(3);
    assertThat(first.blockComplete()).isFalse();
    r.fcd(3, frameData(0, 0, 3)); // after PPR
    EcmReassembler.PpsResult second = r.pps(pps(0x00, 0, 0, 5));
    assertThat(second.blockComplete()).isTrue();
    assertThat(second.pageComplete()).isFalse();
    assertThat(second.fcf2()).isEqualTo("NULL");
    // block 1: 2 frames, sent in reverse order, then PPS-EOP (X bit set: 0x2F)
    r.fcd(1, frameData(0, 1, 1));
    r.fcd(0, frameData(0, 1, 0));
    EcmReassembler.PpsResult end = r.pps(pps(0x2F, 0, 1, 2));
    assertThat(end.pageComplete()).isTrue();
    assertThat(end.fcf2()).isEqualTo("EOP");
    assertThat(r.pages()).hasSize(1);
    byte[] page = r.pages().get(0).data();
    assertThat(page).hasSize(7 * 256);
    for (int n = 0; n < 5; n++) {
      assertThat(java.util.Arrays.copyOfRange(page, n * 256, n * 256 + 256))
          .isEqualTo(frameData(0, 0, n));
    }
    assertThat(java.util.Arrays.copyOfRange(page, 6 * 256, 7 * 256)).isEqualTo(frameData(0, 1, 1));
    assertThat(r.pages().get(0).blocks()).isEqualTo(2);
  }

  @Test
  void framesSentAgainForABlockAlreadyTakenAreNotANewPage() {
    // the sender's side of a call whose receiver asked for the whole block again (PPR): the
    // sender's own audio holds every frame each time; the page is one page
    EcmReassembler r = new EcmReassembler();
    for (int n = 0; n < 3; n++) {
      r.fcd(n, frameData(0, 0, n));
    }
    assertThat(r.pps(pps(0x2F, 0, 0, 3)).pageComplete()).isTrue();
    for (int n = 0; n < 3; n++) {
      r.fcd(n, frameData(0, 0, n));
    }
    EcmReassembler.PpsResult again = r.pps(pps(0x2F, 0, 0, 3));
    assertThat(again.blockComplete()).isTrue();
    assertThat(again.pageComplete()).isFalse();
    r.fcd(2, frameData(0, 0, 2));
    assertThat(r.pps(pps(0x2F, 0, 0, 3)).pageComplete()).isFalse();
    r.finish();
    assertThat(r.pages()).hasSize(1);
    assertThat(r.duplicateFrames()).isEqualTo(4);
  }

  @Test
  void repeatedPpsAfterALostMcfDoesNotDuplicateTheBlock() {
    EcmReassembler r = new EcmReassembler();
    r.fcd(0, frameData(1, 0, 0));
    assertThat(r.pps(pps(0x4F, 1, 0, 1)).pageComplete()).isTrue();
    EcmReassembler.PpsResult again = r.pps(pps(0x4F, 1, 0, 1));
    assertThat(again.blockComplete()).isTrue();
    assertThat(again.pageComplete()).isFalse();
    assertThat(r.pages()).hasSize(1);
  }

  @Test
  void finishKeepsAnIncompletePage() {
    EcmReassembler r = new EcmReassembler();
    r.fcd(0, frameData(0, 0, 0));
    r.fcd(2, frameData(0, 0, 2));
    r.finish();
    assertThat(r.pages()).hasSize(1);
    assertThat(r.pages().get(0).complete()).isFalse();
    assertThat(r.pages().get(0).missingFrames()).isEqualTo(1);
  }

  @Test
  void outOfRangeFramesAreRefused() {
    EcmReassembler r = new EcmReassembler();
    assertThat(r.fcd(256, new byte[10])).isFalse();
    assertThat(r.fcd(0, new byte[257])).isFalse();
    assertThat(r.pps(new byte[2]).page()).isEqualTo(-1);
  }

  @Test
  void fcdFrameParsesTheHeader() {
    EcmReassembler r = new EcmReassembler();
    byte[] f = new byte[4 + 256];
    f[0] = (byte) 0xFF;
    f[1] = 0x03;
    f[2] = 0x06;
    f[3] = 0;
    f[4] = 0x55;
    assertThat(r.fcdFrame(T30Frame.of(f))).isTrue();
    assertThat(r.pps(pps(0x2E, 0, 0, 1)).pageComplete()).isTrue();
    assertThat(r.pages().get(0).data()[0]).isEqualTo((byte) 0x55);
  }
}
