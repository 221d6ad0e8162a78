package io.github.segshap.salt.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiny subset of YAML the file store needs: flat maps of scalars. Strings are written single
 * quoted (so ids such as {@code '1'} stay strings, as PyYAML writes them), numbers plain, and an
 * empty list as {@code []}. Reading understands what this class writes and plain unquoted scalars.
 */
final class Yaml {

    private Yaml() {
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String write(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            sb.append(e.getKey()).append(": ");
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Number) {
                sb.append(v);
            } else if (v instanceof java.util.List<?> l && l.isEmpty()) {
                sb.append("[]");
            } else {
                String s = v.toString();
                if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("multi-line value for " + e.getKey() + " is not supported");
                }
                sb.append(quote(s));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static Map<String, String> read(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(": ");
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    if (line.endsWith(":")) {
                        out.put(line.substring(0, line.length() - 1).trim(), "");
                    }
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String v = line.substring(colon + 2).trim();
                if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                    v = v.substring(1, v.length() - 1).replace("''", "'");
                } else if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                out.put(key, v);
            }
        } catch (IOException e) {
            throw new TrackingException("cannot read " + file, e);
        }
        return out;
    }
}
