package org.faxgw.t4;

/**
 * The code tables of T.4 4.1.2 (Tables 2/T.4 and 3/T.4: terminating, make-up and extended make-up
 * codes for white and black runs) and T.4 4.2.1.3.3 (Table 4/T.4: 2-D mode codes), with encode
 * arrays indexed by run length and single-lookup decode tables.
 */
final class T4Codes {
  private T4Codes() {}

  // T.4 4.1.2: EOL = 000000000001 (12 bits).
  static final int EOL = 0x001;
  static final int EOL_BITS = 12;

  // Table 2/T.4: white terminating codes for runs 0..63.
  private static final String[] WHITE_TERM = {
    "00110101", "000111", "0111", "1000", "1011", "1100", "1110", "1111",
    "10011", "10100", "00111", "01000", "001000", "000011", "110100", "110101",
    "101010", "101011", "0100111", "0001100", "0001000", "0010111", "0000011", "0000100",
    "0101000", "0101011", "0010011", "0100100", "0011000", "00000010", "00000011", "00011010",
    "00011011", "00010010", "00010011", "00010100", "00010101", "00010110", "00010111", "00101000",
    "00101001", "00101010", "00101011", "00101100", "00101101", "00000100", "00000101", "00001010",
    "00001011", "01010010", "01010011", "01010100", "01010101", "00100100", "00100101", "01011000",
    "01011001", "01011010", "01011011", "01001010", "01001011", "00110010", "00110011", "00110100"
  };

  // Table 2/T.4: black terminating codes for runs 0..63.
  private static final String[] BLACK_TERM = {
    "0000110111",
    "010",
    "11",
    "10",
    "011",
    "0011",
    "0010",
    "00011",
    "000101",
    "000100",
    "0000100",
    "0000101",
    "0000111",
    "00000100",
    "00000111",
    "000011000",
    "0000010111",
    "0000011000",
    "0000001000",
    "00001100111",
    "00001101000",
    "00001101100",
    "00000110111",
    "00000101000",
    "00000010111",
    "00000011000",
    "000011001010",
    "000011001011",
    "000011001100",
    "000011001101",
    "000001101000",
    "000001101001",
    "000001101010",
    "000001101011",
    "000011010010",
    "000011010011",
    "000011010100",
    "000011010101",
    "000011010110",
    "000011010111",
    "000001101100",
    "000001101101",
    "000011011010",
    "000011011011",
    "000001010100",
    "000001010101",
    "000001010110",
    "000001010111",
    "000001100100",
    "000001100101",
    "000001010010",
    "000001010011",
    "000000100100",
    "000000110111",
    "000000111000",
    "000000100111",
    "000000101000",
    "000001011000",
    "000001011001",
    "000000101011",
    "000000101100",
    "000001011010",
    "000001100110",
    "000001100111"
  };

  // Table 3a/T.4: white make-up codes for 64, 128, ... 1728.
  private static final String[] WHITE_MAKEUP = {
    "11011",
    "10010",
    "010111",
    "0110111",
    "00110110",
    "00110111",
    "01100100",
    "01100101",
    "01101000",
    "01100111",
    "011001100",
    "011001101",
    "011010010",
    "011010011",
    "011010100",
    "011010101",
    "011010110",
    "011010111",
    "011011000",
    "011011001",
    "011011010",
    "011011011",
    "010011000",
    "010011001",
    "010011010",
    "011000",
    "010011011"
  };

  // Table 3a/T.4: black make-up codes for 64, 128, ... 1728.
  private static final String[] BLACK_MAKEUP = {
    "0000001111",
    "000011001000",
    "000011001001",
    "000001011011",
    "000000110011",
    "000000110100",
    "000000110101",
    "0000001101100",
    "0000001101101",
    "0000001001010",
    "0000001001011",
    "0000001001100",
    "0000001001101",
    "0000001110010",
    "0000001110011",
    "0000001110100",
    "0000001110101",
    "0000001110110",
    "0000001110111",
    "0000001010010",
    "0000001010011",
    "0000001010100",
    "0000001010101",
    "0000001011010",
    "0000001011011",
    "0000001100100",
    "0000001100101"
  };

  // Table 3b/T.4: extended make-up codes for 1792, 1856, ... 2560, the same for both colours.
  private static final String[] EXT_MAKEUP = {
    "00000001000",
    "00000001100",
    "00000001101",
    "000000010010",
    "000000010011",
    "000000010100",
    "000000010101",
    "000000010110",
    "000000010111",
    "000000011100",
    "000000011101",
    "000000011110",
    "000000011111"
  };

  /** Largest make-up code (Table 3b/T.4). */
  static final int MAX_MAKEUP = 2560;

  // Encode tables: code in the low bits, length in bits. Index: run for terminating codes, run/64
  // for make-up codes (1..40).
  static final int[] WHITE_TERM_CODE = new int[64];
  static final int[] WHITE_TERM_LEN = new int[64];
  static final int[] BLACK_TERM_CODE = new int[64];
  static final int[] BLACK_TERM_LEN = new int[64];
  static final int[] WHITE_MAKEUP_CODE = new int[41];
  static final int[] WHITE_MAKEUP_LEN = new int[41];
  static final int[] BLACK_MAKEUP_CODE = new int[41];
  static final int[] BLACK_MAKEUP_LEN = new int[41];

  /** Decode lookup for white runs, indexed by the next 12 bits. */
  static final int[] WHITE_DECODE = new int[1 << 12];

  /** Decode lookup for black runs, indexed by the next 13 bits. */
  static final int[] BLACK_DECODE = new int[1 << 13];

  /**
   * Both colours in one table: index {@code colour << 13 | next 13 bits} (colour 1 = black), the
   * entries of {@link #WHITE_DECODE} and {@link #BLACK_DECODE}; saves choosing a table per run.
   */
  static final int[] RUN_DECODE = new int[2 << 13];

  static final int WHITE_PEEK = 12;
  static final int BLACK_PEEK = 13;

  /**
   * A decode entry is {@code run << 5 | length}, or one of these (negative) when no run matches.
   */
  static final int DECODE_INVALID = -1;

  static final int DECODE_EOL = -2;

  // Table 4/T.4 (and T.6 Table 1): 2-D mode codes.
  static final int MODE_PASS = 0; // 0001
  static final int MODE_HORIZONTAL = 1; // 001
  static final int MODE_V0 = 2; // 1
  static final int MODE_VR1 = 3; // 011
  static final int MODE_VR2 = 4; // 000011
  static final int MODE_VR3 = 5; // 0000011
  static final int MODE_VL1 = 6; // 010
  static final int MODE_VL2 = 7; // 000010
  static final int MODE_VL3 = 8; // 0000010
  static final int MODE_EXTENSION =
      9; // 0000001xxx (T.4 4.2.1.3.3; uncompressed mode not supported)

  static final int[] MODE_CODE = {
    0b0001, 0b001, 0b1, 0b011, 0b000011, 0b0000011, 0b010, 0b000010, 0b0000010
  };
  static final int[] MODE_LEN = {4, 3, 1, 3, 6, 7, 3, 6, 7};

  /** Vertical mode code (index into MODE_CODE) for a1 - b1 = -3..3, at index delta + 3. */
  static final int[] VERTICAL_MODE = {
    MODE_VL3, MODE_VL2, MODE_VL1, MODE_V0, MODE_VR1, MODE_VR2, MODE_VR3
  };

  /** Mode decode lookup indexed by the next 7 bits: {@code mode << 3 | length}, 0 = not a mode. */
  static final int[] MODE_DECODE = new int[1 << 7];

  static final int MODE_PEEK = 7;

  static {
    java.util.Arrays.fill(WHITE_DECODE, DECODE_INVALID);
    java.util.Arrays.fill(BLACK_DECODE, DECODE_INVALID);
    for (int r = 0; r < 64; r++) {
      WHITE_TERM_CODE[r] = Integer.parseInt(WHITE_TERM[r], 2);
      WHITE_TERM_LEN[r] = WHITE_TERM[r].length();
      BLACK_TERM_CODE[r] = Integer.parseInt(BLACK_TERM[r], 2);
      BLACK_TERM_LEN[r] = BLACK_TERM[r].length();
      addDecode(WHITE_DECODE, WHITE_PEEK, WHITE_TERM[r], r);
      addDecode(BLACK_DECODE, BLACK_PEEK, BLACK_TERM[r], r);
    }
    for (int i = 0; i < 27; i++) {
      WHITE_MAKEUP_CODE[i + 1] = Integer.parseInt(WHITE_MAKEUP[i], 2);
      WHITE_MAKEUP_LEN[i + 1] = WHITE_MAKEUP[i].length();
      BLACK_MAKEUP_CODE[i + 1] = Integer.parseInt(BLACK_MAKEUP[i], 2);
      BLACK_MAKEUP_LEN[i + 1] = BLACK_MAKEUP[i].length();
      addDecode(WHITE_DECODE, WHITE_PEEK, WHITE_MAKEUP[i], (i + 1) * 64);
      addDecode(BLACK_DECODE, BLACK_PEEK, BLACK_MAKEUP[i], (i + 1) * 64);
    }
    for (int i = 0; i < 13; i++) {
      int m = i + 28;
      WHITE_MAKEUP_CODE[m] = BLACK_MAKEUP_CODE[m] = Integer.parseInt(EXT_MAKEUP[i], 2);
      WHITE_MAKEUP_LEN[m] = BLACK_MAKEUP_LEN[m] = EXT_MAKEUP[i].length();
      addDecode(WHITE_DECODE, WHITE_PEEK, EXT_MAKEUP[i], m * 64);
      addDecode(BLACK_DECODE, BLACK_PEEK, EXT_MAKEUP[i], m * 64);
    }
    fill(WHITE_DECODE, WHITE_PEEK, EOL, EOL_BITS, DECODE_EOL);
    fill(BLACK_DECODE, BLACK_PEEK, EOL, EOL_BITS, DECODE_EOL);
    for (int m = 0; m < MODE_CODE.length; m++) {
      fill(MODE_DECODE, MODE_PEEK, MODE_CODE[m], MODE_LEN[m], m << 3 | MODE_LEN[m]);
    }
    fill(MODE_DECODE, MODE_PEEK, 0b0000001, 7, MODE_EXTENSION << 3 | 7);
    for (int i = 0; i < 1 << 13; i++) {
      RUN_DECODE[i] = WHITE_DECODE[i >>> 1];
      RUN_DECODE[1 << 13 | i] = BLACK_DECODE[i];
    }
  }

  private static void addDecode(int[] table, int peek, String code, int value) {
    fill(table, peek, Integer.parseInt(code, 2), code.length(), value << 5 | code.length());
  }

  private static void fill(int[] table, int peek, int code, int len, int entry) {
    int shift = peek - len;
    int base = code << shift;
    for (int i = 0; i < 1 << shift; i++) {
      if (table[base | i] != 0 && table[base | i] != DECODE_INVALID) {
        throw new IllegalStateException("T.4 code table is not prefix-free at " + code);
      }
      table[base | i] = entry;
    }
  }
}
