package org.faxgw.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalToolTest {
  @TempDir Path dir;

  @Test
  void outputsExitAndEnvironmentComeBack() throws Exception {
    ExternalTool.Result r =
        ExternalTool.run(
            dir,
            Map.of("WHO", "faxgw"),
            60,
            List.of("sh", "-c", "echo $WHO; echo oops >&2; exit 3"));
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("faxgw\n");
    assertThat(r.stderr()).isEqualTo("oops\n");
    assertThat(r.output()).isEqualTo("faxgw\noops\n");
  }

  @Test
  void aFailureOrAMissingToolFailsTheTestWithWhatToDo() {
    assertThatThrownBy(() -> ExternalTool.runOk(dir, "sh", "-c", "echo bad; exit 1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exit 1")
        .hasMessageContaining("bad");
    assertThatThrownBy(() -> ExternalTool.run(dir, "faxgw-no-such-tool"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bin/install-test-deps");
  }
}
