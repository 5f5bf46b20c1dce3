package dev.canarylab.lab.workshop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.report.RolloutJson;
import dev.canarylab.lab.report.RolloutReports;
import dev.canarylab.lab.runtime.RuntimeStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the checks look at: the attendee's workshop folder (their files), the lab running from it, and the
 * rollout reports in its reports folder ({@code .lab/reports/} unless told otherwise).
 *
 * @param folder  the workshop folder, where my-canary.yaml and the other files of the challenges live
 * @param file    an attendee's file given on the command line instead of the module's usual name, or null
 */
public record Workshop(Path folder, StateFile state, Path reportsDir, Path file) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The attendee's file: the one given with {@code --file}, else {@code name} in the workshop folder. */
    public Path file(String name) {
        return file != null ? file : folder.resolve(name);
    }

    /** How the attendee named the file in a sentence: as given, or its name in the workshop folder. */
    public String fileName(String name) {
        return file != null ? file.toString() : name;
    }

    /** The running lab's status, or empty when no lab is running here (or it does not answer). */
    public Optional<RuntimeStatus> lab() {
        try {
            return ControlClient.find(state).map(ControlClient::status);
        } catch (LabException e) {
            if (e.exitCode() == ExitCodes.NOT_RUNNING) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Every rollout report in the reports folder, oldest first ({@code last.json} repeats the newest and is
     * left out). JSON files of other kinds are skipped; a rollout report that cannot be read is bad input.
     */
    public List<Report> reports() {
        if (!Files.isDirectory(reportsDir)) {
            return List.of();
        }
        List<Report> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(reportsDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().equals(RolloutReports.LAST)).sorted().toList()) {
                read(f).ifPresent(reports::add);
            }
        } catch (IOException e) {
            throw LabException.badInput("cannot read the reports in " + reportsDir + ": " + e.getMessage());
        }
        reports.sort(Comparator.comparing(r -> r.record().started() == null ? Instant.EPOCH : r.record().started()));
        return reports;
    }

    /** The newest report that matches. */
    public Optional<Report> latest(Predicate<Report> which) {
        List<Report> matching = reports().stream().filter(which).toList();
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    private static Optional<Report> read(Path f) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LabException.badInput("cannot read " + f + ": " + e.getMessage());
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !RolloutJson.FORMAT.equals(root.path("format").asText(null))) {
                return Optional.empty(); // some other tool's JSON beside the reports
            }
        } catch (JsonProcessingException e) {
            throw LabException.badInput(f + ": not a rollout report: invalid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        try {
            return Optional.of(new Report(f, RolloutJson.read(text)));
        } catch (LabException e) {
            throw LabException.badInput(f + ": " + e.getMessage());
        }
    }
}
