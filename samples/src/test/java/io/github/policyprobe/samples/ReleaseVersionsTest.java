package io.github.policyprobe.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The versions a user copies (README's snippets, samples/platform-repo) are the ones this build
 * releases and tests with, so a version bump cannot leave the BOM or the docs behind.
 */
class ReleaseVersionsTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void theBomAndThePlatformRepoReleaseAndUseTheParentsVersion() throws IOException {
    String version = firstGroup(read("pom.xml"), "<artifactId>policyprobe-parent</artifactId>\\s*<version>([^<]+)</version>");
    assertThat(version).doesNotEndWith("-SNAPSHOT");
    assertThat(firstGroup(read("bom/pom.xml"), "<artifactId>policyprobe-bom</artifactId>\\s*<version>([^<]+)</version>"))
        .isEqualTo(version);
    assertThat(firstGroup(read("samples/platform-repo/pom.xml"), "<policyprobe.version>([^<]+)</policyprobe.version>"))
        .isEqualTo(version);
  }

  @Test
  void readmeSnippetsNameTheReleasedVersionAndTheVersionsWeTestWith() throws IOException {
    String parent = read("pom.xml");
    String version = firstGroup(parent, "<artifactId>policyprobe-parent</artifactId>\\s*<version>([^<]+)</version>");
    String junit = firstGroup(parent, "<junit.version>([^<]+)</junit.version>");
    String slf4j = firstGroup(parent, "<slf4j.version>([^<]+)</slf4j.version>");
    String readme = read("README.md");

    assertThat(readme)
        .contains("<artifactId>policyprobe-bom</artifactId>\n      <version>" + version + "</version>")
        .contains("platform(\"io.github.policyprobe:policyprobe-bom:" + version + "\")")
        .contains("<artifactId>junit-jupiter</artifactId>\n    <version>" + junit + "</version>")
        .contains("platform(\"org.junit:junit-bom:" + junit + "\")")
        .contains("<artifactId>slf4j-simple</artifactId>\n    <version>" + slf4j + "</version>")
        .contains("\"org.slf4j:slf4j-simple:" + slf4j + "\"")
        .doesNotContain("-SNAPSHOT");
    String platformRepo = read("samples/platform-repo/pom.xml");
    assertThat(platformRepo)
        .contains("<junit.version>" + junit + "</junit.version>")
        .contains("<artifactId>slf4j-simple</artifactId>\n      <version>" + slf4j + "</version>");
  }

  /**
   * README's Maven snippet pins the plugins Maven 3.8 would bind too old and makes a run without
   * tests fail; samples/platform-repo, which CI builds with the machine's Maven 3.8, carries the
   * same lines, so what CI proves is what a user pastes.
   */
  @Test
  void thePlatformRepoBuildsWithReadmesPluginPinsAndNoTestsGuard() throws IOException {
    String readme = read("README.md");
    String snippet = firstGroup(readme, "(?s)Maven \\(`pom.xml` of the repo that holds your policies\\):\\s*```xml(.*?)```");
    String build = firstGroup(snippet, "(?s)(<build>.*</build>)");
    String platformRepo = read("samples/platform-repo/pom.xml");

    assertThat(build).contains("<artifactId>maven-compiler-plugin</artifactId>", "<artifactId>maven-surefire-plugin</artifactId>");
    assertThat(snippet).contains("<failIfNoTests>true</failIfNoTests>", "<maven.compiler.release>17</maven.compiler.release>");
    assertThat(withoutCommentsAndSpace(platformRepo)).contains(withoutCommentsAndSpace(build))
        .contains("<failIfNoTests>true</failIfNoTests>", "<maven.compiler.release>17</maven.compiler.release>");
  }

  private static String withoutCommentsAndSpace(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll("\\s+", "");
  }

  private static String read(String file) throws IOException {
    return Files.readString(ROOT.resolve(file));
  }

  private static String firstGroup(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s found", regex).isTrue();
    return matcher.group(1);
  }
}
