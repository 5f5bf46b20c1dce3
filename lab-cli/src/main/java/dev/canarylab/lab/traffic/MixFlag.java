package dev.canarylab.lab.traffic;

import dev.canarylab.lab.LabException;
import dev.canarylab.traffic.mix.MixFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab traffic start --mix FILE}: the file is read where the user typed the command, and passed on as an
 * absolute path, because traffic-gen runs as a child of the lab, which may have been started from elsewhere.
 */
public final class MixFlag {

    private MixFlag() {
    }

    /** The flags with a {@code --mix} file checked and made absolute; a bad file is bad input (exit 2). */
    public static List<String> resolve(List<String> flags) {
        List<String> out = new ArrayList<>(flags.size());
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            if (f.equals("--mix")) {
                if (i + 1 == flags.size()) {
                    throw LabException.badInput("--mix needs a request-mix file");
                }
                out.add(f);
                out.add(check(flags.get(++i)));
            } else if (f.startsWith("--mix=")) {
                out.add("--mix=" + check(f.substring("--mix=".length())));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static String check(String file) {
        Path path = Path.of(file).toAbsolutePath();
        try {
            MixFile.load(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw LabException.badInput(e.getMessage());
        }
        return path.toString();
    }
}
