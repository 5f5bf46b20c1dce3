package dev.canarylab.lab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.config.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a catalogue version that is not sample-app ({@code command:}, {@code jar:}, {@code image:}
 * and what goes with them), refusing with one line what could only fail later: a command without {@code ${PORT}},
 * an unknown placeholder, a jar or workdir that is not there, a readiness check that cannot be made.
 */
final class ServiceParser {

    /** The keys that make a version a service; a version with none of them is sample-app. */
    static final Set<String> KINDS = Set.of("command", "jar", "image");
    /** The keys only a service has. */
    static final Set<String> KEYS = Set.of("command", "jar", "args", "jvmArgs", "env", "workdir", "readiness",
            "startTimeout", "metricsPath", "image", "port");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern URL_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

    private final JsonNode node;
    private final String where;
    private final Path base;

    private ServiceParser(JsonNode node, String where, Path base) {
        this.node = node;
        this.where = where;
        this.base = base;
    }

    /** Whether {@code node} describes a service (it has a command, a jar or an image). */
    static boolean isService(JsonNode node) {
        return KINDS.stream().anyMatch(node::has);
    }

    static ServiceSpec parse(JsonNode node, String where, Path base) {
        return new ServiceParser(node, where, base).parse();
    }

    private ServiceSpec parse() {
        if (node.has("command") && node.has("jar")) {
            throw bad("give either command or jar, not both");
        }
        List<String> command = node.has("command") ? strings("command", true) : List.of();
        Path jar = node.has("jar") ? existing("jar", false) : null;
        for (String jarOnly : List.of("args", "jvmArgs")) {
            if (node.has(jarOnly) && jar == null) {
                throw bad(jarOnly + " go with jar (a command carries its own arguments)");
            }
        }
        List<String> args = node.has("args") ? strings("args", false) : List.of();
        List<String> jvmArgs = node.has("jvmArgs") ? strings("jvmArgs", false) : List.of();
        Map<String, String> env = env();
        boolean local = jar != null || !command.isEmpty();
        if (!local) {
            for (String localOnly : List.of("env", "workdir")) {
                if (node.has(localOnly)) {
                    throw bad(localOnly + " is for the local runtime: give the version a command or a jar");
                }
            }
        }
        if (local) {
            List<String> all = new ArrayList<>(command);
            all.addAll(args);
            all.addAll(jvmArgs);
            all.addAll(env.values());
            if (all.stream().noneMatch(s -> s.contains(ServiceSpec.PORT))) {
                throw bad((jar != null ? "args, jvmArgs or env" : "command or env") + " must use ${PORT}, the port"
                        + " the lab gives each instance (the service must listen on it)");
            }
        }
        Path workdir = node.has("workdir") ? existing("workdir", true) : base;
        String image = null;
        int port = 0;
        if (node.has("image")) {
            JsonNode i = node.get("image");
            if (!i.isTextual() || i.asText().isBlank() || i.asText().chars().anyMatch(Character::isWhitespace)) {
                throw bad("image must be a container image reference such as ghcr.io/acme/orders:1.5, got " + i);
            }
            image = i.asText();
            port = port();
        } else if (node.has("port")) {
            throw bad("port is the container port on a cluster and goes with image (locally the lab gives ${PORT})");
        }
        return new ServiceSpec(command, jar, args, jvmArgs, env, workdir, readiness(), startTimeout(),
                path("metricsPath"), image, port);
    }

    private List<String> strings(String key, boolean nonEmpty) {
        JsonNode list = node.get(key);
        if (!list.isArray() || (nonEmpty && list.isEmpty())) {
            throw bad(key + " must be a list of " + (nonEmpty ? "one or more " : "") + "words, such as [python3, app.py,"
                    + " --port, '${PORT}'], got " + list);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : list) {
            if (!s.isValueNode() || s.isNull()) {
                throw bad(key + " must be a list of words, got the item " + s);
            }
            out.add(placeholders(key, s.asText()));
        }
        return out;
    }

    private Map<String, String> env() {
        JsonNode e = node.path("env");
        Map<String, String> out = new LinkedHashMap<>();
        if (e.isMissingNode()) {
            return out;
        }
        if (!e.isObject()) {
            throw bad("env must map variable names to values, got " + e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            if (!ENV_NAME.matcher(v.getKey()).matches()) {
                throw bad("env: '" + v.getKey() + "' is not a variable name (letters, digits and _, not first a digit)");
            }
            if (!v.getValue().isValueNode() || v.getValue().isNull()) {
                throw bad("env." + v.getKey() + " must be a plain value, got " + v.getValue());
            }
            out.put(v.getKey(), placeholders("env." + v.getKey(), v.getValue().asText()));
        }
        return out;
    }

    private String placeholders(String field, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!ServiceSpec.PLACEHOLDERS.contains(m.group())) {
                throw bad(field + ": unknown placeholder " + m.group() + "; the lab fills "
                        + String.join(", ", ServiceSpec.PLACEHOLDERS));
            }
        }
        return text;
    }

    /** A file (jar) or folder (workdir), relative to the catalogue's folder, which must exist now. */
    private Path existing(String key, boolean folder) {
        JsonNode v = node.get(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad(key + " must be a path, got " + v);
        }
        Path p = base.resolve(v.asText()).normalize();
        if (folder ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            throw bad(key + ": no " + (folder ? "folder" : "file") + " at " + p
                    + (folder ? "" : " (build it first; a relative path is from the catalogue's folder)"));
        }
        return p;
    }

    private int port() {
        JsonNode p = node.path("port");
        if (p.isMissingNode()) {
            throw bad("image needs port, the port the container listens on");
        }
        if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 65535) {
            throw bad("port must be a whole number from 1 to 65535, got " + p);
        }
        return p.asInt();
    }

    private Readiness readiness() {
        JsonNode r = node.path("readiness");
        if (r.isMissingNode() || (r.isTextual() && r.asText().equals("tcp"))) {
            return new Readiness.Tcp();
        }
        if (!r.isObject()) {
            throw bad("readiness must be tcp or {path: /health, status: 200}, got " + r);
        }
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("path") && !k.equals("status")) {
                throw bad("readiness: unknown key '" + k + "'; expected path, status (or readiness: tcp)");
            }
        }
        String path = r.has("path") ? pathOf("readiness.path", r.get("path")) : null;
        if (path == null) {
            throw bad("readiness needs path, the URL path of an HTTP check such as /health (or readiness: tcp)");
        }
        JsonNode s = r.path("status");
        int status = 200;
        if (!s.isMissingNode()) {
            if (!s.isIntegralNumber() || s.asInt() < 100 || s.asInt() > 599) {
                throw bad("readiness.status must be an HTTP status from 100 to 599, got " + s);
            }
            status = s.asInt();
        }
        return new Readiness.Http(path, status);
    }

    private Duration startTimeout() {
        JsonNode t = node.path("startTimeout");
        if (t.isMissingNode()) {
            return ServiceSpec.DEFAULT_START_TIMEOUT;
        }
        String text = t.isValueNode() ? t.asText() : t.toString();
        Duration d = DurationText.parse(text).orElseThrow(() -> bad("startTimeout must be a duration such as 30s or"
                + " 1m30s: " + DurationText.refusal(text)));
        if (d.isZero()) {
            throw bad("startTimeout must be more than 0");
        }
        return d;
    }

    private String path(String key) {
        return node.has(key) ? pathOf(key, node.get(key)) : null;
    }

    private String pathOf(String key, JsonNode v) {
        if (!v.isTextual() || !URL_PATH.matcher(v.asText()).matches()) {
            throw bad(key + " must be a URL path starting with /, such as /health, got " + v);
        }
        return v.asText();
    }

    private LabException bad(String what) {
        return LabException.badInput(where + ": " + what);
    }
}
