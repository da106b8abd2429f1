package io.github.policyprobe.internal.k3s;

import java.util.Arrays;

/**
 * A file to copy into the k3s container before it starts.
 *
 * @param containerPath where it lands inside the container
 * @param content its bytes, read from the user's file when the spec was resolved
 * @param source where it came from, for error messages
 */
public record ContainerFile(String containerPath, byte[] content, String source) {

  public ContainerFile {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContainerFile that
        && containerPath.equals(that.containerPath)
        && Arrays.equals(content, that.content)
        && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return 31 * containerPath.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "ContainerFile[" + source + " -> " + containerPath + ", " + content.length + " bytes]";
  }
}
