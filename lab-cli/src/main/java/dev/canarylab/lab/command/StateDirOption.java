package dev.canarylab.lab.command;

import dev.canarylab.lab.control.StateFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that talks to a running lab: where it keeps its state, and a plain --help. */
public final class StateDirOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:LAB_STATE_DIR:-.lab}",
            description = "Directory of the running lab's state.json and lab.log (LAB_STATE_DIR; default: ${DEFAULT-VALUE}).")
    Path dir;

    public StateFile stateFile() {
        return new StateFile(dir);
    }
}
