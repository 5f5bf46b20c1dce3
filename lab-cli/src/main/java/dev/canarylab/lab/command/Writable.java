package dev.canarylab.lab.command;

import dev.canarylab.lab.LabException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a long run starts, that what it will write at the end can be written: a report or an export
 * that fails after ten minutes of analysis would lose the result.
 */
final class Writable {

    private Writable() {
    }

    /** A directory that exists and is writable, or can be created. */
    static void directory(Path dir, String option) {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d)) {
            if (!Files.isDirectory(d)) {
                throw LabException.badInput(option + " " + dir + " is a file, not a directory");
            }
            if (!Files.isWritable(d)) {
                throw LabException.badInput(option + " " + dir + " is not writable");
            }
            return;
        }
        Path ancestor = d.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw LabException.badInput(option + " " + dir + " cannot be created: "
                    + (ancestor == null ? "no such place" : ancestor + (Files.isDirectory(ancestor)
                            ? " is not writable" : " is a file, not a directory")));
        }
    }

    /** A file that can be written: not a directory, in a directory that is or can be made writable. */
    static void file(Path file, String option) {
        Path f = file.toAbsolutePath().normalize();
        if (Files.isDirectory(f)) {
            throw LabException.badInput(option + " " + file + " is a directory; give a file name");
        }
        if (Files.exists(f) && !Files.isWritable(f)) {
            throw LabException.badInput(option + " " + file + " is not writable");
        }
        if (f.getParent() != null) {
            directory(f.getParent(), option);
        }
    }
}
