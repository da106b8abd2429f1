package io.github.policyprobe.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads processes and their listening sockets from /proc, not from what we told them. */
public final class ProcessTable {
  private ProcessTable() {}

  /** PIDs whose command line contains {@code fragment}. */
  public static List<Long> pidsWithCommandLineContaining(String fragment) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Paths.get("/proc"))) {
      entries.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          if (cmdline.contains(fragment) && !cmdline.contains("ProcessTable")) {
            pids.add(Long.parseLong(p.getFileName().toString()));
          }
        } catch (IOException vanished) {
          // the process ended while we looked
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return pids;
  }

  /** "address:port" of every TCP socket in LISTEN state that {@code pid} holds open. */
  public static Set<String> listeningAddresses(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Paths.get("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closed) {
          // closed while we looked
        }
      });
    }
    Set<String> listening = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "net", table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) { // 0A = LISTEN
          listening.add(decode(f[1]));
        }
      }
    }
    return listening;
  }

  private static String decode(String hexAddressAndPort) {
    String[] parts = hexAddressAndPort.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String hex = parts[0];
    if (hex.length() == 8) { // IPv4, little-endian
      long v = Long.parseLong(hex, 16);
      return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff)
          + ":" + port;
    }
    if (hex.equals("00000000000000000000000000000000")) {
      return "[::]:" + port;
    }
    if (hex.equals("0000000000000000FFFF00000100007F")) {
      return "[::ffff:127.0.0.1]:" + port;
    }
    if (hex.equals("00000000000000000000000001000000")) {
      return "[::1]:" + port;
    }
    return "[" + hex + "]:" + port;
  }
}
