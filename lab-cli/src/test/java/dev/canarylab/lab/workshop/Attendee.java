package dev.canarylab.lab.workshop;

import dev.canarylab.lab.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * An attendee's workshop folder, built from the fixtures in {@code src/test/resources/workshop/}, and
 * {@code lab check} run on it in-process.
 *
 * <p>The fixtures are real: {@code reports/*.json} are the JSON reports of real rollouts, recorded once by the
 * scripts in {@code workshop/record/} ({@code record.sh}, then {@code record2.sh}, {@code record4.sh},
 * {@code record5.sh} and {@code record6.sh} for what a busy machine spoiled the first time): the lab's own jars, {@code lab up -d} and
 * {@code lab rollout} on the local runtime with short strategies ({@code fast.yaml} and the others beside the
 * scripts), {@code lab up -d --prometheus} for {@code prometheus-v3}. {@code my-canary.yaml} (the built-in config,
 * byte for byte), {@code lax-canary.yaml} and {@code my-policies.yaml} are the configs that judged them, as the
 * reports' {@code configSha256} says. {@code lab-test-failed.xml} was written by {@code lab test v2-promoted.yaml
 * v4-rolled-back.yaml}: traffic-gen started too late on the busy machine and v2 was rolled back for lack of data.
 * The hand-made variations are made in the tests that need them, in plain sight: a runtime no machine here has
 * (k3s), and a passing lab-test.xml.
 */
final class Attendee {

    private final Path dir;

    Attendee(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path reports() {
        return dir.resolve(".lab").resolve("reports");
    }

    /** Puts the recorded report {@code name} into the attendee's reports folder. */
    Attendee report(String name) {
        return report(name, text -> text);
    }

    /** The same, changed by {@code edit} first: a hand-made variation of a real report. */
    Attendee report(String name, UnaryOperator<String> edit) {
        write(reports().resolve(name + ".json"), edit.apply(resource("reports/" + name + ".json")));
        return this;
    }

    /** Copies the fixture {@code resource} into the workshop folder as {@code as}. */
    Attendee file(String resource, String as) {
        write(dir.resolve(as), resource(resource));
        return this;
    }

    Attendee write(String as, String text) {
        write(dir.resolve(as), text);
        return this;
    }

    /** {@code lab check MODULE ARGS...} in this folder. */
    Said check(String module, String... args) {
        List<String> all = new ArrayList<>(List.of("check", module, "--dir", dir.toString(), "--state-dir",
                dir.resolve(".lab").toString()));
        all.addAll(List.of(args));
        return lab(all.toArray(String[]::new));
    }

    static Said lab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Lab.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Said(code, out.toString().strip(), err.toString().strip());
    }

    static String resource(String name) {
        try (InputStream in = Attendee.class.getResourceAsStream("/workshop/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture workshop/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".fixture", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code lab check} said: exit code, stdout and stderr, stripped. */
    record Said(int exit, String out, String err) {
    }
}
