package org.faxgw.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of ARCHITECTURE.md, checked on the compiled classes of every module: arrows
 * point down only, and each library stays in the module that owns it.
 */
class ModuleBoundariesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Builds may use another folder than target/ (-DbuildDirName), which the predefined
            // option does not recognise: leave out every test-classes folder and test jar too.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.faxgw");
  }

  @Test
  void pureModulesKnowNoSocketsFilesThreadsOrClocks() {
    noClasses()
        .that()
        .resideInAnyPackage("org.faxgw.t4..", "org.faxgw.modem..", "org.faxgw.t30..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..", "java.nio.file..", "java.nio.channels..", "java.io.File..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.Thread")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.time..", "java.util.concurrent..")
        .check(classes);
  }

  @Test
  void pureModulesDependOnlyOnTheJdkAndBelow() {
    noClasses()
        .that()
        .resideInAnyPackage("org.faxgw.t4..", "org.faxgw.modem..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "org.faxgw.t4..", "org.faxgw.modem..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("org.faxgw.t4..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.faxgw.modem..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("org.faxgw.modem..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.faxgw.t4..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("org.faxgw.t30..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "org.faxgw.t4..", "org.faxgw.modem..", "org.faxgw.t30..")
        .check(classes);
  }

  @Test
  void arrowsPointDownOnly() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.faxgw.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.faxgw.gateway..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.faxgw.t4..",
            "org.faxgw.modem..",
            "org.faxgw.t30..",
            "org.faxgw.iax2..",
            "org.faxgw.queue..",
            "org.faxgw.render..",
            "org.faxgw.mail..",
            "org.faxgw.durable..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.faxgw.smtp..", "org.faxgw.sim..")
        .check(classes);
    // The product does not need the simulators (test scope only) nor the benchmarks (bench/).
    noClasses()
        .that()
        .resideInAPackage("org.faxgw.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.faxgw.sim..", "org.faxgw.bench..")
        .check(classes);
  }

  @Test
  void theDurableWriteHelperNeedsOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("org.faxgw.durable..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "org.faxgw.durable..")
        .check(classes);
  }

  @Test
  void gatewayPackagesDoNotDependOnEachOtherInCircles() {
    slices().matching("org.faxgw.gateway.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void librariesStayInTheirModules() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.faxgw.iax2..", "org.faxgw.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.netty..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.faxgw.render..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pdfbox..", "org.ghost4j..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.faxgw.smtp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.subethamail..", "org.apache.james.mime4j..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.faxgw.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..")
        .check(classes);
  }
}
