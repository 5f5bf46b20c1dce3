package dev.canarylab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which packages of lab-cli use which, read from the compiled classes as {@code jdeps} does: a class uses every
 * class its constant pool names (class references and type descriptors, annotations included), so a fully
 * qualified name in the source counts as much as an import.
 */
final class PackageGraph {

    private static final String ROOT = "dev/canarylab/lab";
    // ASCII names are the same bytes in a class file's modified UTF-8, so Latin-1 keeps offsets and names intact.
    private static final Pattern NAME = Pattern.compile(ROOT + "((?:/[a-z0-9_]+)*)/[A-Z][A-Za-z0-9_$]*");

    private PackageGraph() {
    }

    /** Package (relative to dev.canarylab.lab, "" for the root package) to the other packages it uses. */
    static Map<String, Set<String>> of(Path classes) {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String from = packageOf(classes.relativize(f.getParent()).toString().replace('\\', '/'));
                Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = NAME.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String used = m.group(1).isEmpty() ? "" : m.group(1).substring(1).replace('/', '.');
                    if (!used.equals(from)) {
                        to.add(used);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }

    private static String packageOf(String dir) {
        return dir.equals(ROOT) ? "" : dir.substring(ROOT.length() + 1).replace('/', '.');
    }

    /** The strongly connected components of more than one package, each sorted: every package cycle (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        return new Tarjan(edges).run();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> out = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<Set<String>> run() {
            for (String v : edges.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return out;
        }

        // Recursive: a few dozen packages, far from any stack limit.
        private void visit(String v) {
            index.put(v, next);
            low.put(v, next);
            next++;
            stack.push(v);
            onStack.add(v);
            for (String w : edges.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    out.add(component);
                }
            }
        }
    }
}
