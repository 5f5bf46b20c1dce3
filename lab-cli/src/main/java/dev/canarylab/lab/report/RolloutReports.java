package dev.canarylab.lab.report;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes a rollout's reports into a directory: {@code <slug>-<yyyyMMdd-HHmmss>.<ext>} per format (the time is
 * the rollout's start, in UTC, so that CI machines in any zone name the same rollout alike), and always
 * {@code last.json}, the whole record, which {@code lab report} reads to render the last rollout again.
 */
public final class RolloutReports {

    /** Format name to file extension and renderer, in the order files are written. */
    private static final Map<String, Format> FORMATS = Map.of(
            "md", new Format(1, "md", RolloutMarkdown::render),
            "json", new Format(2, "json", RolloutJson::render),
            "junit", new Format(3, "xml", RolloutJunit::render),
            "html", new Format(4, "html", RolloutHtml::render));

    public static final String LAST = "last.json";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private record Format(int order, String extension, Function<RolloutRecord, String> renderer) {
    }

    private RolloutReports() {
    }

    /** The valid format names: md, json, junit, html. */
    public static Set<String> formats() {
        return new TreeSet<>(FORMATS.keySet());
    }

    /**
     * Writes one file per format and {@code last.json}.
     *
     * @param formats any of md, json, junit, html (case-insensitive); may be empty (only last.json)
     * @return the files written, in the order md, json, junit, html, then last.json
     * @throws LabException bad input for an unknown format; exit code SOFTWARE when a file cannot be written
     */
    public static List<Path> write(RolloutRecord record, Set<String> formats, Path dir) {
        List<Format> chosen = new ArrayList<>();
        for (String name : formats) {
            chosen.add(format(name));
        }
        chosen.sort((a, b) -> Integer.compare(a.order(), b.order()));
        String base = slug(record.title()) + "-" + STAMP.format(record.started() == null ? Instant.now()
                : record.started());
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Format f : chosen.stream().distinct().toList()) {
                written.add(save(dir.resolve(base + "." + f.extension()), f.renderer().apply(record)));
            }
            written.add(save(dir.resolve(LAST), RolloutJson.render(record)));
        } catch (IOException e) {
            throw new LabException(ExitCodes.SOFTWARE, "cannot write the reports to " + dir + ": " + e);
        }
        return written;
    }

    /** One report as text, for {@code lab report --format F} on stdout. */
    public static String render(RolloutRecord record, String format) {
        return format(format).renderer().apply(record);
    }

    /**
     * The record of the last rollout written into {@code dir}.
     *
     * @throws LabException bad input when there is none or it cannot be read
     */
    public static RolloutRecord readLast(Path dir) {
        Path file = dir.resolve(LAST);
        try {
            return RolloutJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw LabException.badInput("no rollout report in " + dir + " (run lab rollout or lab demo first)");
        } catch (IOException e) {
            throw LabException.badInput("cannot read " + file + ": " + e.getMessage());
        } catch (LabException e) {
            throw LabException.badInput(file + ": " + e.getMessage());
        }
    }

    private static Format format(String name) {
        Format f = name == null ? null : FORMATS.get(name.trim().toLowerCase(Locale.ROOT));
        if (f == null) {
            throw LabException.badInput("unknown report format '" + name + "'; expected one of "
                    + String.join(", ", List.of("md", "json", "junit", "html")));
        }
        return f;
    }

    /** "slow-release: v1 -> v3" becomes "slow-release-v1-v3"; never empty, at most 60 characters. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "rollout" : slug;
    }

    /** Through a temporary file, so that a reader never sees half a report. */
    private static Path save(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".report-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
