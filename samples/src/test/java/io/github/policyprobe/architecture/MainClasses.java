package io.github.policyprobe.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes of both libraries, imported once for the architecture tests of this module. */
final class MainClasses {
  private static JavaClasses imported;

  private MainClasses() {}

  static synchronized JavaClasses ofBothLibraries() {
    if (imported == null) {
      imported = new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.policyprobe");
    }
    return imported;
  }
}
