package org.faxgw.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.faxgw.modem.V21Config;
import org.junit.jupiter.api.Test;

/**
 * Long V.21 runs, only with {@code -Dfaxgw.soak=true}: {@code mvn -B -ntp -DbuildDirName=target-x
 * -pl fax-core/sim -am test -Dtest=V21SoakTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfaxgw.soak=true}.
 */
class V21SoakTest {

  @Test
  void tenThousandFramesAt15DbSnrOverAnImpairedALawLine() {
    assumeTrue(Boolean.getBoolean("faxgw.soak"), "set -Dfaxgw.soak=true to run");
    for (double ppm : new double[] {100, -100}) {
      List<byte[]> frames = V21LineTest.randomFrames(new Random((long) ppm), 5000);
      V21LineTest.Result res =
          V21LineTest.run(
              frames,
              25,
              V21Config.channel2().withTxLevel(-13),
              LineModelConfig.clean()
                  .withNoiseDbm0(-28)
                  .withCompanding(Companding.ALAW)
                  .withClockOffsetPpm(ppm)
                  .withFrequencyOffsetHz(ppm > 0 ? 5 : -5)
                  .withSeed((long) ppm + 1000));
      V21LineTest.assertAllReceived(res, frames);
    }
  }
}
