package org.faxgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
  private static final String PG =
      """
      store:
        type: postgresql
        postgresql:
          url: jdbc:postgresql://127.0.0.1:5432/faxgw
          user: faxgw
          password: ${FAXGW_DB_PASSWORD}
      """;

  @Test
  void sqliteIsTheDefault() throws Exception {
    FaxgwConfig c = new ConfigLoader(Map.of()).parse("f.yaml", "dataDir: var\n");
    assertThat(c.store().isPostgresql()).isFalse();
    assertThat(c.store().type()).isEqualTo("sqlite");
  }

  @Test
  void postgresqlTakesItsPasswordFromTheEnvironment() throws Exception {
    FaxgwConfig c =
        new ConfigLoader(Map.of("FAXGW_DB_PASSWORD", "s3cret")).parse("f.yaml", "\n" + PG);
    assertThat(c.store().isPostgresql()).isTrue();
    StoreConfig.PostgresqlSection pg = c.store().postgresql();
    assertThat(pg.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/faxgw");
    assertThat(pg.user()).isEqualTo("faxgw");
    assertThat(pg.password()).isEqualTo("s3cret");
    assertThat(pg.poolSize()).isEqualTo(10);
    assertThat(pg.leaseClock()).isEqualTo("database");
    assertThat(pg.toString()).doesNotContain("s3cret");
  }

  @Test
  void anUnsetSecretIsAnErrorWithItsLine() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("f.yaml", "\n" + PG))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:7:")
        .hasMessageContaining("FAXGW_DB_PASSWORD");
  }

  @Test
  void aBadUrlOrTypeIsAnErrorWithItsLine() {
    String badUrl = PG.replace("jdbc:postgresql://127.0.0.1:5432/faxgw", "postgres://x/y");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("FAXGW_DB_PASSWORD", "p")).parse("f.yaml", badUrl))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:")
        .hasMessageContaining("store.postgresql.url");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("f.yaml", "store:\n  type: oracle\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:")
        .hasMessageContaining("sqlite or postgresql");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of()).parse("f.yaml", "store:\n  type: postgresql\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.postgresql section");
  }
}
