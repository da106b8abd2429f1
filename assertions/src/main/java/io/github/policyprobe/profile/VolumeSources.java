package io.github.policyprobe.profile;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.Map;
import java.util.TreeMap;

/** Says what a volume mounts, such as {@code hostPath /var/run/netns (DirectoryOrCreate)}. */
final class VolumeSources {
  private VolumeSources() {}

  static String describe(Volume volume) {
    if (volume.getHostPath() != null) {
      String type = volume.getHostPath().getType();
      return "hostPath " + volume.getHostPath().getPath() + (type == null || type.isEmpty() ? "" : " (" + type + ")");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = new TreeMap<>(RenderedWorkload.SERIALIZATION.convertValue(volume, Map.class));
    map.remove("name");
    if (map.isEmpty()) {
      return "emptyDir (no source given)";
    }
    String type = map.keySet().iterator().next();
    Object source = map.get(type);
    Object name = source instanceof Map<?, ?> m ? (m.get("name") != null ? m.get("name")
        : m.get("secretName") != null ? m.get("secretName") : m.get("claimName")) : null;
    return type + (name == null ? "" : " " + name);
  }
}
